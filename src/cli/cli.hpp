#pragma once

namespace qalint::cli {

// The whole program: parses arguments, runs a command, returns the exit status
// (0 clean, 1 findings at or above the fail level, 2 usage, input or rule error).
int run(int argc, char** argv);

}  // namespace qalint::cli
