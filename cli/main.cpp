// The `tonus` command: parses the command line and hands over to the engine and viz.
// User errors (bad files, bad parameters, bad options) print one clear line and exit 2.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands/commands.hpp"
#include "display.hpp"
#include "core/errors.hpp"
#include "core/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Tonus: spine, trunk muscles and the physiology of muscle tone", "tonus"};
  app.set_version_flag("--version", std::string("tonus ") + std::string(tonus::version()));
  app.require_subcommand(0, 1);  // checked after parsing, so unknown options are named first
  tonus::cli::addRunCommand(app);
  tonus::cli::addModelCommand(app);
  tonus::cli::addValidateCommand(app);
  tonus::cli::addRenderCommand(app);
  tonus::cli::addDrawCommands(app);
  tonus::cli::addSweepCommand(app);
  tonus::cli::rememberCommandLine(argc, argv);
  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      std::cerr << app.help() << "\ntonus: error: a subcommand is required\n";
      return tonus::kUserErrorExitCode;
    }
  } catch (const CLI::ParseError& e) {
    // CLI11 exits 0 for --help/--version; every mistake on the command line is a user error.
    return app.exit(e) == 0 ? 0 : tonus::kUserErrorExitCode;
  } catch (const tonus::UserError& e) {
    std::cerr << "tonus: error: " << e.what() << "\n";
    return tonus::kUserErrorExitCode;
  } catch (const tonus::ExitCode& e) {
    return e.code;
  }
  return 0;
}
