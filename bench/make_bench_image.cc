// Writes the benchmark images for bench/image_bench.sh into a directory: one image of about
// 320 MB of file content in three layers (a base, an upgrade that overwrites and deletes part of
// it, an app layer) as a legacy docker save (plain.tar), as Docker >= 25 OCI-in-tar archives
// with gzip (gzip.tar) and zstd (zstd.tar) layers, and each layer alone (layerN.tar, .tar.gz,
// .tar.zst) so `tar -t` can be timed on the same bytes.
// Usage: make_bench_image DIR [MEGABYTES]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "testing/tar_builder.h"

namespace {

using drydock::testing::Compress;
using drydock::testing::ImageBuilder;
using drydock::testing::TarBuilder;

// Text-like content: compresses about 3:1, like binaries and libraries do.
std::string Content(std::mt19937_64& rng, size_t size) {
  static const char* words[] = {"alpha ", "beta ", "gamma ", "delta ", "import ", "return ", "static ", "0x7f3a ",
                                "\x7f" "ELF", "lib", "usr/", "_init ", "{\n", "}\n", "size_t ", "memcpy "};
  std::string s;
  s.reserve(size);
  while (s.size() < size) {
    uint64_t r = rng();
    if ((r & 7) == 0) {
      s.push_back(static_cast<char>(r >> 8));
      s.push_back(static_cast<char>(r >> 16));
    } else {
      s += words[(r >> 3) & 15];
    }
  }
  s.resize(size);
  return s;
}

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_bench_image DIR [MEGABYTES]\n");
    return 2;
  }
  std::string dir = argv[1];
  uint64_t total = (argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 320) << 20;
  std::mt19937_64 rng(42);
  std::vector<std::string> layers;
  size_t files = 0;
  // Base: 80% of the bytes, sizes from 1 KiB to ~1 MiB like a distribution's /usr.
  {
    TarBuilder t(TarBuilder::Format::kGnu);
    uint64_t bytes = 0;
    for (int d = 0; bytes < total * 8 / 10; ++d) {
      std::string dir_name = "./usr/lib/pkg" + std::to_string(d);
      t.Dir(dir_name);
      for (int f = 0; f < 40 && bytes < total * 8 / 10; ++f) {
        size_t size = 1024 + (rng() % 4 == 0 ? rng() % (1 << 20) : rng() % 16384);
        t.File(dir_name + "/file" + std::to_string(f) + ".so", Content(rng, size));
        bytes += size;
        ++files;
      }
      if (d % 10 == 0) t.Symlink(dir_name + "/current", "file0.so").HardLink(dir_name + "/hard", dir_name + "/file0.so");
    }
    layers.push_back(t.Finish());
  }
  // Upgrade: overwrites some files, deletes some directories (pax headers, as BuildKit writes).
  {
    TarBuilder t;
    uint64_t bytes = 0;
    for (int d = 0; bytes < total / 10; d += 3) {
      std::string dir_name = "usr/lib/pkg" + std::to_string(d);
      for (int f = 0; f < 10; ++f) {
        size_t size = 1024 + rng() % 65536;
        t.File(dir_name + "/file" + std::to_string(f) + ".so", Content(rng, size));
        bytes += size;
        ++files;
      }
      t.Whiteout("usr/lib", "pkg" + std::to_string(d + 1));
    }
    layers.push_back(t.Finish());
  }
  // App: many small files.
  {
    TarBuilder t;
    t.Dir("app").Opaque("app");
    uint64_t bytes = 0;
    for (int f = 0; bytes < total / 10; ++f) {
      size_t size = 200 + rng() % 8192;
      t.File("app/src/module" + std::to_string(f / 100) + "/m" + std::to_string(f) + ".py", Content(rng, size));
      bytes += size;
      ++files;
    }
    layers.push_back(t.Finish());
  }
  ImageBuilder b;
  for (size_t i = 0; i < layers.size(); ++i) {
    b.Layer(layers[i], "RUN layer " + std::to_string(i));
    Write(dir + "/layer" + std::to_string(i) + ".tar", layers[i]);
    Write(dir + "/layer" + std::to_string(i) + ".tar.gz", drydock::testing::CompressBytes(layers[i], Compress::kGzip));
    Write(dir + "/layer" + std::to_string(i) + ".tar.zst", drydock::testing::CompressBytes(layers[i], Compress::kZstd));
  }
  Write(dir + "/plain.tar", b.DockerSaveLegacy());
  Write(dir + "/gzip.tar", b.DockerSaveOci(Compress::kGzip));
  Write(dir + "/zstd.tar", b.DockerSaveOci(Compress::kZstd));
  std::printf("%zu files in %zu layers\n", files, layers.size());
  return 0;
}
