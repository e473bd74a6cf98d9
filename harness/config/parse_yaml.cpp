// ParseYaml (declared in config_node.h) on libyaml's event parser: the events of the first
// document are folded straight into a ConfigNode tree, with no intermediate document
// model. libyaml costs a small fraction of what yaml-cpp's YAML::Load did on large suites
// (bench/README.md, "What the remaining gap is made of").
//
// The tree is the one yaml-cpp used to give: columns counted in bytes, plain scalars
// ~/null/Null/NULL and empty ones are null, an alias is a copy of its anchored node, and
// later documents are not read.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yaml.h>

#include "harness/config/config_node.h"

namespace kinship {

namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Turns libyaml marks, which count characters, into kinship locations, which count
// columns in bytes (as FindInvalidUtf8 does, and as yaml-cpp did). A cursor walks the
// text from one mark to the next; consecutive marks are close, so the walk is linear
// over a whole parse.
class MarkLocator {
 public:
  MarkLocator(std::string_view text, const std::string& file) : file_(file) {
    // libyaml skips a byte order mark without counting it in marks (its reader's byte
    // offsets do count it).
    if (text.starts_with("\xEF\xBB\xBF")) {
      text.remove_prefix(3);
      byte_order_mark_ = 3;
    }
    text_ = text;
    for (char c : text) ascii_ = ascii_ && static_cast<unsigned char>(c) < 0x80;
  }

  SourceLocation Locate(const yaml_mark_t& mark) {
    std::size_t line_start = ByteOffset(mark.index - mark.column);
    std::size_t at = ByteOffset(mark.index);
    return SourceLocation{file_, static_cast<int>(mark.line) + 1,
                          static_cast<int>(at - line_start) + 1};
  }

  // Where the first token after `mark` starts, past blanks, line breaks and comments.
  // yaml-cpp located an empty node (a bare `-`) there; libyaml puts it right after the
  // token before.
  SourceLocation NextToken(const yaml_mark_t& mark) {
    std::size_t line_start = ByteOffset(mark.index - mark.column);
    std::size_t at = ByteOffset(mark.index);
    int line = static_cast<int>(mark.line) + 1;
    while (at < text_.size()) {
      char c = text_[at];
      if (c == '#') {
        while (at < text_.size() && text_[at] != '\n') ++at;
      } else if (c == '\n') {
        ++line;
        line_start = ++at;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++at;
      } else {
        break;
      }
    }
    return SourceLocation{file_, line, static_cast<int>(at - line_start) + 1};
  }

  // The location of a byte offset into the input (libyaml's reader reports those).
  SourceLocation AtByte(std::size_t offset) const {
    offset = std::min(offset - std::min(offset, byte_order_mark_), text_.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t pos = 0; pos < offset; ++pos) {
      if (text_[pos] == '\n') {
        ++line;
        line_start = pos + 1;
      }
    }
    return SourceLocation{file_, line, static_cast<int>(offset - line_start) + 1};
  }

  // The byte at a mark, or '\0' past the end.
  char ByteAt(const yaml_mark_t& mark) {
    std::size_t at = ByteOffset(mark.index);
    return at < text_.size() ? text_[at] : '\0';
  }

 private:
  std::size_t ByteOffset(std::size_t char_index) {
    if (ascii_) return std::min(char_index, text_.size());
    while (char_ < char_index && byte_ < text_.size()) {
      ++byte_;
      while (byte_ < text_.size() && IsContinuationByte(text_[byte_])) ++byte_;
      ++char_;
    }
    while (char_ > char_index) {
      --byte_;
      while (byte_ > 0 && IsContinuationByte(text_[byte_])) --byte_;
      --char_;
    }
    return byte_;
  }

  const std::string& file_;
  std::string_view text_;
  std::size_t byte_order_mark_ = 0;
  bool ascii_ = true;
  std::size_t char_ = 0;  // the cursor, as a character index and as a byte offset
  std::size_t byte_ = 0;
};

// YAML's null spellings; only a plain, untagged scalar can be null.
bool IsNullText(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string_view TextOf(const yaml_char_t* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

constexpr std::size_t kMaxNesting = 500;

// Builds the tree from events. Shape errors (duplicate or non-text keys) are kept, not
// thrown, until the document has been read: a syntax error anywhere in it comes first,
// as it did when yaml-cpp loaded the whole document before we looked at it.
class TreeBuilder {
 public:
  explicit TreeBuilder(MarkLocator& locator) : locator_(locator) {}

  void Scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    ConfigNode node;
    node.where = locator_.Locate(event.start_mark);
    // yaml-cpp took only untagged plain scalars as plain; an explicit tag such as !!str
    // also means "take the text as written".
    bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nullptr;
    std::string_view text(reinterpret_cast<const char*>(scalar.value), scalar.length);
    if (plain && IsNullText(text)) {
      node.kind = ConfigNode::Kind::kNull;
      if (text.empty() && scalar.anchor == nullptr) {
        node.where = locator_.NextToken(event.start_mark);
      }
    } else {
      node.kind = ConfigNode::Kind::kScalar;
      node.style = plain ? ConfigNode::Style::kPlain : ConfigNode::Style::kQuoted;
      node.text.assign(text);
    }
    Complete(std::move(node), TextOf(scalar.anchor));
  }

  void Alias(const yaml_event_t& event) {
    std::string name(TextOf(event.data.alias.anchor));
    SourceLocation where = locator_.Locate(event.start_mark);
    for (const auto& open : open_) {
      // An anchor takes effect where it is written, so this alias would be the node it is in.
      if (open.anchor == name) {
        throw ConfigError(where, "", "YAML syntax error: alias *" + name +
                                         " is inside the node anchored &" + name +
                                         " (a node cannot contain itself)");
      }
    }
    auto anchored = anchors_.find(name);
    if (anchored == anchors_.end()) {
      throw ConfigError(where, "", "YAML syntax error: alias *" + name + " refers to no anchor &" +
                                       name + " before it");
    }
    Attach(ConfigNode(anchored->second));
  }

  void StartCollection(const yaml_event_t& event, ConfigNode::Kind kind,
                       const yaml_char_t* anchor) {
    OpenCollection open;
    open.node.kind = kind;
    open.node.where = locator_.Locate(event.start_mark);
    // The tree is walked recursively later on; yaml-cpp refused such depths too.
    if (open_.size() == kMaxNesting) {
      throw ConfigError(open.node.where, "",
                        "YAML syntax error: nested deeper than " + std::to_string(kMaxNesting) +
                            " lists and maps");
    }
    open.anchor = TextOf(anchor);
    open_.push_back(std::move(open));
  }

  void EndCollection() {
    OpenCollection done = std::move(open_.back());
    open_.pop_back();
    Complete(std::move(done.node), done.anchor);
  }

  bool HasRoot() const { return root_.has_value(); }

  // The document's tree, or its first shape error.
  ConfigNode TakeRoot() {
    if (first_error_) throw *first_error_;
    return std::move(*root_);
  }

 private:
  struct OpenCollection {
    ConfigNode node;
    std::string anchor;
    bool have_key = false;  // maps: a key was read and waits for its value
    std::string key;
    SourceLocation key_where;
  };

  void Complete(ConfigNode node, std::string_view anchor) {
    if (!anchor.empty()) anchors_.insert_or_assign(std::string(anchor), node);
    Attach(std::move(node));
  }

  void Attach(ConfigNode node) {
    if (open_.empty()) {
      root_ = std::move(node);
      return;
    }
    OpenCollection& parent = open_.back();
    if (parent.node.IsList()) {
      parent.node.items.push_back(std::move(node));
    } else if (!parent.have_key) {
      AcceptKey(parent, std::move(node));
    } else {
      // libyaml (and yaml-cpp) mark an empty value (`prompt:` and a newline) at the next
      // token, often the next line; the key is where the reader should look.
      if (node.IsNull()) node.where = parent.key_where;
      parent.node.entries.push_back(
          {std::move(parent.key), std::move(parent.key_where), std::move(node)});
      parent.have_key = false;
    }
  }

  void AcceptKey(OpenCollection& map, ConfigNode key) {
    map.have_key = true;
    map.key_where = key.where;
    map.key = std::move(key.text);
    if (!key.IsScalar()) {
      KeepError(ConfigError(map.key_where, "", "map keys must be plain text"));
      return;
    }
    for (const auto& earlier : map.node.entries) {
      if (earlier.key == map.key) {
        KeepError(ConfigError(map.key_where, map.key,
                              "duplicate key (first written at " + earlier.key_where.ToString() +
                                  ")"));
        return;
      }
    }
  }

  void KeepError(ConfigError error) {
    if (!first_error_) first_error_ = std::move(error);
  }

  MarkLocator& locator_;
  std::vector<OpenCollection> open_;
  std::unordered_map<std::string, ConfigNode> anchors_;
  std::optional<ConfigNode> root_;
  std::optional<ConfigError> first_error_;
};

// libyaml's reason, with what it was reading and where that started.
[[noreturn]] void ThrowSyntaxError(const yaml_parser_t& parser, MarkLocator& locator) {
  if (parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
  std::string message =
      "YAML syntax error: " + std::string(parser.problem ? parser.problem : "unreadable YAML");
  if (parser.error == YAML_READER_ERROR) {
    // Only characters YAML forbids get here (bytes are checked as UTF-8 beforehand).
    if (parser.problem_value >= 0) {
      char code[16];
      std::snprintf(code, sizeof(code), " (U+%04X)", static_cast<unsigned>(parser.problem_value));
      message += code;
    }
    throw ConfigError(locator.AtByte(parser.problem_offset), "", message);
  }
  SourceLocation where = locator.Locate(parser.problem_mark);
  if (parser.context) {
    // The context names what was being read and, when elsewhere, where it started.
    SourceLocation started = locator.Locate(parser.context_mark);
    message += " (" + std::string(parser.context);
    if (started.line != where.line || started.column != where.column) {
      message += " at line " + std::to_string(started.line) + ", column " +
                 std::to_string(started.column);
    }
    message += ")";
  }
  if (locator.ByteAt(parser.problem_mark) == '\t' && message.find("tab") == std::string::npos) {
    message += "; YAML cannot indent with tabs, use spaces";
  }
  throw ConfigError(where, "", message);
}

struct ParserDeleter {
  void operator()(yaml_parser_t* parser) const {
    yaml_parser_delete(parser);
    delete parser;
  }
};

struct Event {
  yaml_event_t event{};
  ~Event() { yaml_event_delete(&event); }
};

}  // namespace

ConfigNode ParseYaml(std::string_view bytes, const std::string& file) {
  if (auto bad = FindInvalidUtf8(bytes, file)) {
    throw ConfigError(*bad, "", "invalid UTF-8 (files must be UTF-8 encoded)");
  }
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
  if (!yaml_parser_initialize(parser.get())) throw std::bad_alloc();
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(bytes.data()),
                               bytes.size());
  MarkLocator locator(bytes, file);
  TreeBuilder builder(locator);
  // Only the first document is read, as YAML::Load did; a file without one is null. The
  // event after its end is still parsed, so that stray text after the root (`{a: 1}]`)
  // is an error as it was, while a second `---` document is left unread.
  for (bool done = false, ended = false; !done;) {
    Event next;
    if (!yaml_parser_parse(parser.get(), &next.event)) ThrowSyntaxError(*parser, locator);
    const yaml_event_t& event = next.event;
    done = ended;
    switch (event.type) {
      case YAML_SCALAR_EVENT:
        builder.Scalar(event);
        break;
      case YAML_ALIAS_EVENT:
        builder.Alias(event);
        break;
      case YAML_SEQUENCE_START_EVENT:
        builder.StartCollection(event, ConfigNode::Kind::kList, event.data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        builder.StartCollection(event, ConfigNode::Kind::kMap, event.data.mapping_start.anchor);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        builder.EndCollection();
        break;
      case YAML_DOCUMENT_END_EVENT:
        ended = true;
        break;
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:  // stream and document starts
        break;
    }
  }
  if (!builder.HasRoot()) {
    ConfigNode empty;
    empty.where = SourceLocation{file, 1, 1};
    return empty;
  }
  return builder.TakeRoot();
}

}  // namespace kinship
