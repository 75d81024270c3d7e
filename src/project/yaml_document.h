// A parsed YAML (or JSON) document as a plain tree with source positions: the one place
// drydock touches yaml-cpp. JSON files (docker-bake.json) are read through it too, since JSON
// is YAML's flow style, so every project-file diagnostic can name a line and column.
#ifndef DRYDOCK_PROJECT_YAML_DOCUMENT_H_
#define DRYDOCK_PROJECT_YAML_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/source_file.h"

namespace drydock::project {

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMapping };
  // Declared here, defined in the .cc: `entries` holds pairs of this still-incomplete type,
  // which clang's libstdc++ checks refuse to instantiate inline.
  YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;
  ~YamlNode();

  Kind kind = Kind::kNull;
  std::string scalar;   // For kScalar (and the text of a null written as `~`/`null`).
  bool quoted = false;  // A quoted scalar is always a string (`"1"`, `'true'`).
  // An explicit tag as written (`!reset`, `!override`) or as resolved by the parser for `!!`
  // shorthands (`tag:yaml.org,2002:str`); empty when the node has none.
  std::string tag;
  std::vector<YamlNode> items;                          // kSequence.
  std::vector<std::pair<YamlNode, YamlNode>> entries;   // kMapping, in file order; `<<` merged.
  uint32_t line = 0;    // 1-based position of the node in its file.
  uint32_t column = 0;

  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsMapping() const { return kind == Kind::kMapping; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsNull() const { return kind == Kind::kNull; }
  // The entry whose key is `key`, or null.
  const YamlNode* Find(std::string_view key) const;
  // The key node of entry `key` (for positions), or null.
  const YamlNode* FindKey(std::string_view key) const;
};

// Parses one document. Mapping merge keys (`<<: *anchor`, `<<: [*a, *b]`) are applied, explicit
// keys winning, and earlier mappings of a `<<` list winning over later ones; a key repeated in
// one mapping is an error ("yaml: line 4: mapping key "x" already defined at line 3"); syntax
// errors name their line and column ("yaml: line 3, column 4: ..."). An empty document is a
// kNull node. Aliases are expanded, up to a size limit that stops "billion laughs" documents.
Result<YamlNode> ParseYamlDocument(const SourceFile& file);

// Parses every document of a stream (`---` separated), in order; an empty file has none.
Result<std::vector<YamlNode>> ParseYamlDocuments(const SourceFile& file);

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_YAML_DOCUMENT_H_
