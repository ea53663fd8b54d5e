#include "cli/cli.hpp"

int main(int argc, char** argv) { return qalint::cli::run(argc, argv); }
