# GCC 12's false-positive warnings, silenced only in the files that meet them:
# - at -O3 it misreads std::string's inlined memcpy as overlapping (GCC bug 105651, -Wrestrict);
# - with -march=native it reports its own AVX-512 headers' _mm512_undefined_pd() as
#   uninitialised once Eigen's packet math is inlined (GCC bug 105593, -W(maybe-)uninitialized);
# - with -march=native it reports a 512-bit load from an Eigen::Vector2d inside Eigen's inlined
#   packet code (-Warray-bounds); bench_recruit meets the same. Taken as a false positive on a
#   path Eigen's size checks skip for two elements (not proven here: the native build is not
#   run under AddressSanitizer).
# The first two are fixed in GCC 13. tonus_silence_gcc12_false_positives(<kind> FILES...) applies one.
function(tonus_silence_gcc12_false_positives kind)
  if(NOT (CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13))
    return()
  endif()
  if(kind STREQUAL "RESTRICT")
    set(flags -Wno-restrict)
  elseif(kind STREQUAL "AVX512_UNINITIALIZED")
    if(NOT TONUS_NATIVE)
      return()
    endif()
    set(flags -Wno-uninitialized -Wno-maybe-uninitialized)
  elseif(kind STREQUAL "AVX512_ARRAY_BOUNDS")
    if(NOT TONUS_NATIVE)
      return()
    endif()
    set(flags -Wno-array-bounds)
  else()
    message(FATAL_ERROR "unknown kind ${kind}")
  endif()
  set_property(SOURCE ${ARGN} APPEND PROPERTY COMPILE_OPTIONS ${flags})
endfunction()
