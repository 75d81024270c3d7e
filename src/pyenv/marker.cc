#include "pyenv/marker.h"

namespace drydock::pyenv {
// Stub: implementation follows.
struct MarkerNode {};
Result<Marker> Marker::Parse(std::string_view) { return MakeError("not implemented"); }
std::string Marker::ToString() const { return ""; }
Result<bool> Marker::Evaluate(const MarkerEnvironment&, MarkerContext, MarkerErrorKind*) const { return MakeError("not implemented"); }
Result<bool> Marker::EvaluateWithExtra(const MarkerEnvironment& environment, std::string_view) const { return Evaluate(environment); }
}  // namespace drydock::pyenv
