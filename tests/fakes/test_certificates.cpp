#include "tests/fakes/test_certificates.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace kinship::testing {
namespace {

void Run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
    throw std::runtime_error("TestCertificates: command failed: " + command);
  }
}

}  // namespace

TestCertificates::TestCertificates() {
  const std::string d = dir_.path().string();
  // EC keys: generated in milliseconds, unlike RSA.
  const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  Run("openssl req -x509 " + key + " -keyout " + d + "/ca.key -out " + d +
      "/ca.pem -days 2 -subj '/CN=kinship test CA' -addext 'basicConstraints=critical,CA:TRUE'"
      " -addext 'keyUsage=critical,keyCertSign,cRLSign'");
  for (const auto& [stem, san] : {std::pair<std::string, std::string>{"localhost", "DNS:localhost,IP:127.0.0.1"},
                                  std::pair<std::string, std::string>{"other", "DNS:other.example"}}) {
    std::ofstream(d + "/" + stem + ".ext") << "subjectAltName=" << san << "\nbasicConstraints=CA:FALSE\n";
    Run("openssl req " + key + " -keyout " + d + "/" + stem + ".key -out " + d + "/" + stem +
        ".csr -subj '/CN=" + stem + "'");
    Run("openssl x509 -req -in " + d + "/" + stem + ".csr -CA " + d + "/ca.pem -CAkey " + d +
        "/ca.key -CAcreateserial -days 2 -out " + d + "/" + stem + ".pem -extfile " + d + "/" + stem + ".ext");
  }
}

std::string TestCertificates::ca_file() const { return Path("ca.pem"); }
std::string TestCertificates::localhost_cert() const { return Path("localhost.pem"); }
std::string TestCertificates::localhost_key() const { return Path("localhost.key"); }
std::string TestCertificates::other_cert() const { return Path("other.pem"); }
std::string TestCertificates::other_key() const { return Path("other.key"); }

}  // namespace kinship::testing
