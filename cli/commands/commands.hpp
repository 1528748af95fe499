#pragma once
// Each subcommand adds itself to the CLI11 app and runs from its callback; a callback
// reports failures by throwing (UserError -> exit code 2).
#include <CLI/CLI.hpp>

namespace tonus::cli {

void addRunCommand(CLI::App& app);
void addModelCommand(CLI::App& app);
void addValidateCommand(CLI::App& app);
void addRenderCommand(CLI::App& app);
void addDrawCommands(CLI::App& app);  // animate, compare, chart, export-vtk, view
void addSweepCommand(CLI::App& app);
void addExportWebCommand(CLI::App& app);  // export-web
void addExportOsimCommand(CLI::App& app);  // export-osim

}  // namespace tonus::cli
