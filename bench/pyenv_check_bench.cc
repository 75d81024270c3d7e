// `drydock check`'s Python part on a generated venv: 300 distributions, 30,000 RECORD files
// (each hashed and compared), 3 requirements each. Target: under 100 ms on top of the image read.
#include <string>

#include <benchmark/benchmark.h>

#include "base/file_system.h"
#include "base/sha256.h"
#include "image/byte_source.h"
#include "image/image.h"
#include "image/image_file_system.h"
#include "image/layer.h"
#include "pyenv/findings.h"
#include "testing/tar_builder.h"

namespace {

// Receives the generated tree: a MemoryFileSystem or a layer tar.
template <typename Sink>
void MakeTree(Sink& fs, int dists, int files_per_dist) {
  fs.Write("/usr/bin/python3.11", "ELF");
  fs.Write("/usr/lib/python3.11/os.py", "");
  fs.Write("/usr/lib/python3.11/ensurepip/__init__.py", "");
  fs.Write("/opt/venv/pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");
  const std::string site = "/opt/venv/lib/python3.11/site-packages";
  for (int d = 0; d < dists; ++d) {
    std::string name = "pkg" + std::to_string(d);
    std::string info = name + "-1." + std::to_string(d % 10) + ".dist-info";
    std::string metadata = "Metadata-Version: 2.1\nName: " + name + "\nVersion: 1." + std::to_string(d % 10) + "\n";
    for (int r = 1; r <= 3; ++r) {
      metadata += "Requires-Dist: pkg" + std::to_string((d + r) % dists) + " (>=1.0,<2) ; python_version >= \"3.8\"\n";
    }
    std::string record;
    for (int f = 0; f < files_per_dist; ++f) {
      std::string path = name + "/mod" + std::to_string(f) + ".py";
      std::string content = "# " + path + "\nVALUE = " + std::to_string(d * 1000 + f) + "\n" + std::string(200, 'x') + "\n";
      fs.Write(site + "/" + path, content);
      record += path + ",sha256=" + drydock::ToBase64UrlNoPad(drydock::Sha256Of(content)) + "," +
                std::to_string(content.size()) + "\n";
    }
    fs.Write(site + "/" + info + "/METADATA", metadata);
    fs.Write(site + "/" + info + "/INSTALLER", "pip\n");
    fs.Write(site + "/" + info + "/RECORD", record + info + "/RECORD,,\n");
  }
}

struct TarSink {
  drydock::testing::TarBuilder tar;
  void Write(const std::string& path, const std::string& content) { tar.File(path.substr(1), content); }
};

void BM_CheckVenv300x30000(benchmark::State& state) {
  drydock::MemoryFileSystem fs;
  MakeTree(fs, 300, 100);
  size_t findings = 0;
  for (auto _ : state) {
    drydock::pyenv::PythonCheck check = drydock::pyenv::CheckPythonEnvironments(fs);
    findings = check.findings.size();
    benchmark::DoNotOptimize(check);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["files"] = 30000;
}
BENCHMARK(BM_CheckVenv300x30000)->Unit(benchmark::kMillisecond);

// The same tree as an image (one layer), read with check's index options once; the loop is what
// check adds to the image read: the environment scan and every RECORD hash answered from the
// digests the index computed while streaming.
void BM_CheckImage300x30000(benchmark::State& state) {
  TarSink sink;
  MakeTree(sink, 300, 100);
  drydock::testing::ImageBuilder builder;
  builder.Layer(sink.tar.Finish(), "COPY venv /opt/venv");
  drydock::image::MemoryByteSource source(builder.DockerSaveLegacy());
  drydock::Result<drydock::image::Image> image = drydock::image::ReadImageArchive(
      source, drydock::image::PythonEnvironmentOptions(), "bench");
  if (!image.ok()) {
    state.SkipWithError(image.error().message.c_str());
    return;
  }
  drydock::image::ImageFileSystem fs(image->tree);
  size_t findings = 0, files = 0;
  for (auto _ : state) {
    drydock::pyenv::PythonCheck check = drydock::pyenv::CheckPythonEnvironments(fs);
    findings = check.findings.size();
    files = check.summary.files_checked;
    benchmark::DoNotOptimize(check);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["files"] = static_cast<double>(files);
}
BENCHMARK(BM_CheckImage300x30000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
