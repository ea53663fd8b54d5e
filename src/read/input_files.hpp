#pragma once
// Which files a folder walk reads: transcript and macro formats, not a project's own
// documentation (README, LICENCE …) or another tool's files (package.json, docker-compose.yml).

#include <string>

namespace qalint::read {

bool is_input_file(const std::string& path);

}  // namespace qalint::read
