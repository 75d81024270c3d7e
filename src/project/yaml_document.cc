#include "project/yaml_document.h"

#include <sstream>

#include <yaml-cpp/yaml.h>

namespace drydock::project {

namespace {

// Aliases are expanded into copies, so a few lines of anchors can describe billions of nodes;
// past this many the document is refused instead of exhausting memory.
constexpr size_t kMaxNodes = 2'000'000;
constexpr int kMaxDepth = 256;

uint32_t Line(const YAML::Mark& m) { return m.line < 0 ? 0 : static_cast<uint32_t>(m.line) + 1; }
uint32_t Column(const YAML::Mark& m) {
  return m.column < 0 ? 0 : static_cast<uint32_t>(m.column) + 1;
}

// yaml-cpp marks plain scalars "?" and quoted or block ones "!" (the non-specific tags); any
// other tag was written by the user.
std::string ExplicitTag(const std::string& tag) {
  return tag == "?" || tag == "!" ? std::string() : tag;
}

class Converter {
 public:
  Result<YamlNode> Convert(const YAML::Node& node, int depth) {
    if (depth > kMaxDepth) return MakeError("yaml: document nested too deeply");
    if (++node_count_ > kMaxNodes) {
      return MakeError("yaml: document too large (more than 2000000 nodes once aliases are expanded)");
    }
    YamlNode out;
    out.line = Line(node.Mark());
    out.column = Column(node.Mark());
    out.tag = ExplicitTag(node.Tag());
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::kNull;
        if (node.IsDefined() && node.IsNull()) out.scalar = node.Scalar();
        return out;
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::kScalar;
        out.scalar = node.Scalar();
        out.quoted = node.Tag() == "!";
        return out;
      case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::kSequence;
        for (const YAML::Node& item : node) {
          Result<YamlNode> converted = Convert(item, depth + 1);
          if (!converted.ok()) return converted;
          out.items.push_back(std::move(*converted));
        }
        return out;
      case YAML::NodeType::Map:
        out.kind = YamlNode::Kind::kMapping;
        return ConvertMapping(node, depth, std::move(out));
    }
    return out;
  }

 private:
  Result<YamlNode> ConvertMapping(const YAML::Node& node, int depth, YamlNode out) {
    std::vector<YamlNode> merged;  // Mappings named by `<<`, applied after explicit keys.
    for (const auto& entry : node) {
      Result<YamlNode> key = Convert(entry.first, depth + 1);
      if (!key.ok()) return key;
      Result<YamlNode> value = Convert(entry.second, depth + 1);
      if (!value.ok()) return value;
      if (key->IsScalar() && !key->quoted && key->scalar == "<<") {
        if (value->IsMapping()) {
          merged.push_back(std::move(*value));
        } else if (value->IsSequence()) {
          for (YamlNode& m : value->items) {
            if (!m.IsMapping()) return MakeError(Where(*key) + kMergeError);
            merged.push_back(std::move(m));
          }
        } else {
          return MakeError(Where(*key) + kMergeError);
        }
        continue;
      }
      if (key->IsScalar()) {
        if (const YamlNode* earlier = out.FindKey(key->scalar)) {
          return MakeError(Where(*key) + "mapping key \"" + key->scalar +
                           "\" already defined at line " + std::to_string(earlier->line));
        }
      }
      out.entries.emplace_back(std::move(*key), std::move(*value));
    }
    // The first mapping of a `<<` list wins over later ones, and explicit keys over all.
    for (YamlNode& m : merged) {
      for (auto& [k, v] : m.entries) {
        if (!k.IsScalar() || out.FindKey(k.scalar) == nullptr) out.entries.emplace_back(k, v);
      }
    }
    return out;
  }

  static std::string Where(const YamlNode& n) {
    return "yaml: line " + std::to_string(n.line) + ": ";
  }

  static constexpr const char* kMergeError =
      "map merge requires map or sequence of maps as the value";
  size_t node_count_ = 0;
};

std::string SyntaxError(const YAML::Exception& e) {
  std::ostringstream message;
  message << "yaml: line " << (e.mark.line + 1) << ", column " << (e.mark.column + 1) << ": "
          << e.msg;
  return message.str();
}

}  // namespace

YamlNode::YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;
YamlNode::~YamlNode() = default;

const YamlNode* YamlNode::FindKey(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.IsScalar() && k.scalar == key) return &k;
  }
  return nullptr;
}

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.IsScalar() && k.scalar == key) return &v;
  }
  return nullptr;
}

Result<YamlNode> ParseYamlDocument(const SourceFile& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(file.text()));
  } catch (const YAML::Exception& e) {
    return MakeError(SyntaxError(e));
  }
  try {
    return Converter().Convert(root, 0);
  } catch (const YAML::Exception& e) {
    return MakeError(std::string("yaml: ") + e.msg);
  }
}

Result<std::vector<YamlNode>> ParseYamlDocuments(const SourceFile& file) {
  std::vector<YAML::Node> roots;
  try {
    roots = YAML::LoadAll(std::string(file.text()));
  } catch (const YAML::Exception& e) {
    return MakeError(SyntaxError(e));
  }
  std::vector<YamlNode> documents;
  try {
    Converter converter;  // One budget for the whole stream.
    for (const YAML::Node& root : roots) {
      Result<YamlNode> document = converter.Convert(root, 0);
      if (!document.ok()) return document.error();
      documents.push_back(std::move(*document));
    }
  } catch (const YAML::Exception& e) {
    return MakeError(std::string("yaml: ") + e.msg);
  }
  return documents;
}

}  // namespace drydock::project
