// {{var}} templating for suite text (format in suites/README.md, "Templating").
//
// A placeholder is `{{name}}` with optional spaces inside the braces (`{{ name }}`);
// names are [A-Za-z_][A-Za-z0-9_]*. Substituted values are inserted as is and never
// expanded again, so a value may safely contain braces. There is no escape for a literal
// `{{`: a prompt that needs one sets `template: false`.
//
// Pure functions, thread-safe. Errors throw ConfigError at the offending string's
// location, naming the field and the character offset of the placeholder.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/config_error.h"

namespace kinship {

using TemplateVars = std::map<std::string, std::string>;

// True when `text` contains "{{", i.e. it is a template.
bool IsTemplate(std::string_view text);

// The variable names the text uses, in order of first use. Throws on an unclosed `{{`,
// an empty name or a malformed name.
std::vector<std::string> TemplateVariables(std::string_view text, const SourceLocation& where,
                                           const std::string& field);

// `text` with every placeholder replaced by its value in `vars`. Throws on the syntax
// errors above and on a name `vars` does not define (with a did-you-mean over `vars`).
std::string ExpandTemplate(std::string_view text, const TemplateVars& vars,
                           const SourceLocation& where, const std::string& field);

}  // namespace kinship
