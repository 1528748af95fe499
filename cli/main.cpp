// The `tonus` command: parses the command line and hands over to the engine and viz.
// A user's mistake (bad file, folder or option) prints one clear line and exits 2; an internal
// error exits 1 with a line that says it is a bug and what was being done; Ctrl-C exits
// 128 + the signal after removing what was half-written. Nothing escapes main.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <new>

#include "activity.hpp"
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "core/version.hpp"
#include "display.hpp"
#include "interrupt.hpp"

namespace {

constexpr int kInternalErrorExitCode = 1;

int internalError(const std::string& what) {
  std::cerr << "tonus: internal error (a bug in Tonus, please report it) while " << tonus::cli::activity() << ": "
            << what << "\n";
  return kInternalErrorExitCode;
}

int run(int argc, char** argv) {
  CLI::App app{"Tonus: spine, trunk muscles and the physiology of muscle tone", "tonus"};
  app.set_version_flag("--version", std::string("tonus ") + std::string(tonus::version()));
  app.require_subcommand(0, 1);  // checked after parsing, so unknown options are named first
  tonus::cli::addRunCommand(app);
  tonus::cli::addModelCommand(app);
  tonus::cli::addValidateCommand(app);
  tonus::cli::addRenderCommand(app);
  tonus::cli::addDrawCommands(app);
  tonus::cli::addExportWebCommand(app);
  tonus::cli::addExportOsimCommand(app);
  tonus::cli::addSweepCommand(app);
  tonus::cli::rememberCommandLine(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 exits 0 for --help/--version; every mistake on the command line is a user error.
    return app.exit(e) == 0 ? 0 : tonus::kUserErrorExitCode;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << app.help() << "\ntonus: error: a subcommand is required\n";
    return tonus::kUserErrorExitCode;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  tonus::cli::installInterruptHandlers();
  try {
    return run(argc, argv);
  } catch (const tonus::UserError& e) {
    std::cerr << "tonus: error: " << e.what() << "\n";
    return tonus::kUserErrorExitCode;
  } catch (const tonus::ExitCode& e) {
    return e.code;
  } catch (const tonus::cli::Interrupted& e) {
    std::cerr << "\ntonus: interrupted while " << tonus::cli::activity() << "; nothing half-written was left\n";
    return 128 + e.signal;
  } catch (const std::filesystem::filesystem_error& e) {
    // A folder or file the system refused (permissions, a full disk): the user's to fix.
    std::cerr << "tonus: error: " << e.what() << "\n";
    return tonus::kUserErrorExitCode;
  } catch (const std::bad_alloc&) {
    std::cerr << "tonus: error: out of memory while " << tonus::cli::activity() << "\n";
    return kInternalErrorExitCode;
  } catch (const std::exception& e) {
    return internalError(e.what());
  } catch (...) {
    return internalError("an unknown exception");
  }
}
