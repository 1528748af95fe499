#pragma once
// What the command is doing right now ("running scenarios/desk-day.yaml"), so that an internal
// error can say in one line what it interrupted.
#include <string>

namespace tonus::cli {

void setActivity(std::string what);
const std::string& activity();

}  // namespace tonus::cli
