#include "project/yaml_document.h"

#include <sstream>

#include <yaml-cpp/yaml.h>

namespace drydock::project {

namespace {

uint32_t Line(const YAML::Mark& m) { return m.line < 0 ? 0 : static_cast<uint32_t>(m.line) + 1; }
uint32_t Column(const YAML::Mark& m) {
  return m.column < 0 ? 0 : static_cast<uint32_t>(m.column) + 1;
}

class Converter {
 public:
  Result<YamlNode> Convert(const YAML::Node& node, int depth) {
    if (depth > 256) return MakeError("yaml: document nested too deeply");
    YamlNode out;
    out.line = Line(node.Mark());
    out.column = Column(node.Mark());
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
            if (!m.IsMapping()) return MakeError(Where(*key) + "map merge requires map or sequence of maps as the value");
            merged.push_back(std::move(m));
          }
        } else {
          return MakeError(Where(*key) + "map merge requires map or sequence of maps as the value");
        }
        continue;
      }
      if (key->IsScalar()) {
        if (const YamlNode* earlier = out.FindKey(key->scalar)) {
          return MakeError("mapping key \"" + key->scalar + "\" already defined at line " +
                           std::to_string(earlier->line) + " (line " + std::to_string(key->line) + ")");
        }
      }
      out.entries.emplace_back(std::move(*key), std::move(*value));
    }
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
};

}  // namespace

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
    std::ostringstream message;
    message << "yaml: line " << (e.mark.line + 1) << ", column " << (e.mark.column + 1) << ": "
            << e.msg;
    return MakeError(message.str());
  }
  try {
    return Converter().Convert(root, 0);
  } catch (const YAML::Exception& e) {
    return MakeError(std::string("yaml: ") + e.msg);
  }
}

}  // namespace drydock::project
