#pragma once
// Strict reading of a number written as text: the whole text must be a decimal number (a
// leading '+' allowed), so "12kg" or "" are not numbers. Shared by every reader of numbers.
#include <optional>
#include <string_view>

namespace tonus {

std::optional<double> parsePlainNumber(std::string_view text);

}  // namespace tonus
