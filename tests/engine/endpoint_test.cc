#include "engine/endpoint.h"

#include <gtest/gtest.h>

#include "base/sha256.h"

namespace drydock::engine {
namespace {

std::string Resolve(const Environment& env, const MemoryFileSystem& fs) {
  Result<EngineEndpoint> ep = ResolveEngineEndpoint(env, fs);
  if (!ep.ok()) return "error: " + ep.error().message;
  std::string out = ep->ToString() + " from " + ep->origin;
  if (ep->tls) {
    out += " tls(ca=" + ep->tls->ca_file + " cert=" + ep->tls->cert_file +
           " key=" + ep->tls->key_file + (ep->tls->verify ? " verify)" : " no-verify)");
  }
  return out;
}

std::string ContextDir(const std::string& name) { return ToHex(Sha256Of(name)); }

TEST(EndpointTest, DefaultSocket) {
  MemoryFileSystem fs;
  EXPECT_EQ(Resolve({{"HOME", "/home/u"}}, fs), "unix:///var/run/docker.sock from default");
  EXPECT_EQ(Resolve({}, fs), "unix:///var/run/docker.sock from default");
}

TEST(EndpointTest, DockerHost) {
  MemoryFileSystem fs;
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "unix:///tmp/d.sock"}}, fs),
            "unix:///tmp/d.sock from DOCKER_HOST");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "tcp://10.0.0.2:2375"}}, fs),
            "tcp://10.0.0.2:2375 from DOCKER_HOST");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "tcp://engine"}}, fs), "tcp://engine:2375 from DOCKER_HOST");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "tcp://[::1]:2380/"}}, fs),
            "tcp://[::1]:2380 from DOCKER_HOST");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "ssh://me@host"}}, fs),
            "error: DOCKER_HOST: engine address \"ssh://me@host\": scheme ssh:// is not supported");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "tcp://h:99999"}}, fs),
            "error: DOCKER_HOST: engine address \"tcp://h:99999\": invalid port");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "localhost:2375"}}, fs),
            "error: DOCKER_HOST: engine address \"localhost:2375\": expected unix:///path or "
            "tcp://host:port");
}

TEST(EndpointTest, DockerHostWithTls) {
  MemoryFileSystem fs;
  fs.Write("/certs/ca.pem", "x");
  fs.Write("/certs/cert.pem", "x");
  fs.Write("/certs/key.pem", "x");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "tcp://h"}, {"DOCKER_TLS_VERIFY", "1"},
                     {"DOCKER_CERT_PATH", "/certs"}},
                    fs),
            "tcp://h:2376 from DOCKER_HOST tls(ca=/certs/ca.pem cert=/certs/cert.pem "
            "key=/certs/key.pem verify)");
  // Without DOCKER_CERT_PATH: the config directory; missing files are not used.
  fs.Write("/home/u/.docker/ca.pem", "x");
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "tcp://h:1"}, {"DOCKER_TLS", "1"}, {"HOME", "/home/u"}}, fs),
            "tcp://h:1 from DOCKER_HOST tls(ca=/home/u/.docker/ca.pem cert= key= no-verify)");
}

TEST(EndpointTest, DockerHostWinsOverContext) {
  MemoryFileSystem fs;
  EXPECT_EQ(Resolve({{"DOCKER_HOST", "unix:///a.sock"}, {"DOCKER_CONTEXT", "remote"}}, fs),
            "unix:///a.sock from DOCKER_HOST");
}

TEST(EndpointTest, CurrentContextFromConfig) {
  MemoryFileSystem fs;
  fs.Write("/home/u/.docker/config.json", R"({"auths":{},"currentContext":"remote"})");
  fs.Write("/home/u/.docker/contexts/meta/" + ContextDir("remote") + "/meta.json",
           R"({"Name":"remote","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://build:2375","SkipTLSVerify":false}}})");
  EXPECT_EQ(Resolve({{"HOME", "/home/u"}}, fs), "tcp://build:2375 from context \"remote\"");
  // DOCKER_CONTEXT overrides the config file; "default" is the default socket.
  EXPECT_EQ(Resolve({{"HOME", "/home/u"}, {"DOCKER_CONTEXT", "default"}}, fs),
            "unix:///var/run/docker.sock from default");
  EXPECT_EQ(Resolve({{"HOME", "/home/u"}, {"DOCKER_CONTEXT", "gone"}}, fs),
            "error: context \"gone\" does not exist (no /home/u/.docker/contexts/meta/" +
                ContextDir("gone") + "/meta.json)");
}

TEST(EndpointTest, ContextWithTlsAndDockerConfig) {
  MemoryFileSystem fs;
  const std::string id = ContextDir("secure");
  fs.Write("/cfg/contexts/meta/" + id + "/meta.json",
           R"({"Name":"secure","Endpoints":{"docker":{"Host":"tcp://s:2376","SkipTLSVerify":true}}})");
  fs.Write("/cfg/contexts/tls/" + id + "/docker/ca.pem", "x");
  EXPECT_EQ(Resolve({{"DOCKER_CONFIG", "/cfg"}, {"DOCKER_CONTEXT", "secure"}}, fs),
            "tcp://s:2376 from context \"secure\" tls(ca=/cfg/contexts/tls/" + id +
                "/docker/ca.pem cert= key= no-verify)");
}

TEST(EndpointTest, MalformedFiles) {
  MemoryFileSystem fs;
  fs.Write("/h/.docker/config.json", "{not json");
  EXPECT_EQ(Resolve({{"HOME", "/h"}}, fs), "error: /h/.docker/config.json: not a JSON object");
  fs.Write("/h/.docker/config.json", R"({"currentContext":"c"})");
  fs.Write("/h/.docker/contexts/meta/" + ContextDir("c") + "/meta.json", R"({"Endpoints":{}})");
  EXPECT_EQ(Resolve({{"HOME", "/h"}}, fs),
            "error: context \"c\" has no docker endpoint (/h/.docker/contexts/meta/" +
                ContextDir("c") + "/meta.json)");
}

}  // namespace
}  // namespace drydock::engine
