#pragma once
// Support macros (SPEC §6): canned replies, each one agent turn with no customer.

#include <string>
#include <string_view>

#include "read/reader.hpp"

namespace qalint::read {

// Markdown: the whole file is the reply; front matter, headings, code fences and
// HTML comments are not part of it.
void parse_markdown_macro(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

// HTML: the visible text of the page.
void parse_html_macro(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

bool claims_markdown(std::string_view path, std::string_view head);
bool claims_html(std::string_view path, std::string_view head);
bool claims_zendesk(std::string_view path, std::string_view head);
bool claims_yaml(std::string_view path, std::string_view head);

// Zendesk's macro export: {"macros": [...]} or {"macro": {...}}, one macro per entry.
void parse_zendesk_macros(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

// YAML macro files (.yaml, .yml): a list or map of macros, each with a title and a body (or a
// Zendesk/Freshdesk export as YAML), one macro per entry. A file of no such shape is skipped.
void parse_yaml_macros(const std::string& path, std::string_view text, const ReadOptions& options, ReadResult& out);

}  // namespace qalint::read
