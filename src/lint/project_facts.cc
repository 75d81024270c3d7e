#include "lint/project_facts.h"

#include "base/source_file.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"

namespace drydock::lint {

std::string NormalizeImageName(const std::string& image) {
  std::string name = image;
  std::string digest;
  if (size_t at = name.find('@'); at != std::string::npos) {
    digest = name.substr(at);
    name = name.substr(0, at);
  }
  for (std::string prefix : {"docker.io/library/", "index.docker.io/library/", "docker.io/",
                             "index.docker.io/"}) {
    if (name.rfind(prefix, 0) == 0) {
      name = name.substr(prefix.size());
      break;
    }
  }
  if (name.rfind("library/", 0) == 0) name = name.substr(8);
  size_t slash = name.rfind('/');
  size_t colon = name.rfind(':');
  bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  if (!tagged && digest.empty()) name += ":latest";
  return name + digest;
}

ProjectFacts::ProjectFacts(std::vector<ProjectImage> images, const BaseFacts& fallback)
    : images_(std::move(images)), fallback_(fallback) {
  for (size_t i = 0; i < images_.size(); ++i) {
    for (const std::string& tag : images_[i].tags) by_name_.emplace(NormalizeImageName(tag), i);
  }
}

SharedFacts ProjectFacts::Lookup(const std::string& image) const {
  auto it = by_name_.find(NormalizeImageName(image));
  if (it == by_name_.end()) return fallback_.Lookup(image);
  size_t index = it->second;
  const ProjectImage& target = images_[index];
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (auto done = finished_.find(index); done != finished_.end()) return done->second;
  StageFacts facts;
  bool cycle = in_progress_.count(index) > 0;
  if (!cycle) {
    in_progress_.insert(index);
    SourceFile file(target.target, target.dockerfile_text);
    dockerfile::Dockerfile df = dockerfile::Parse(file);
    dockerfile::StageTable stages = dockerfile::BuildStageTable(df, target.build_args);
    if (!stages.stages.empty()) {
      size_t stage = stages.stages.size() - 1;
      for (size_t s = 0; s < stages.stages.size(); ++s) {
        if (!target.target_stage.empty() && stages.stages[s].name == target.target_stage) stage = s;
      }
      Ledger ledger = BuildLedger(df, stages, *this);
      if (stage < ledger.stage_count()) facts = ledger.AtEnd(stage);
    }
    in_progress_.erase(index);
  }
  // Whatever the parent's own base was, this stage's base is the project's image.
  facts.origin = BaseOrigin::kProjectTarget;
  facts.project_target = target.target;
  auto shared = std::make_shared<const StageFacts>(std::move(facts));
  if (!cycle) finished_[index] = shared;
  return shared;
}

}  // namespace drydock::lint
