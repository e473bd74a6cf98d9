// TestCertificates: a throw-away certificate authority and server certificates for TLS
// tests, made with the `openssl` command-line tool in a temporary directory that lives as
// long as the object. Construction throws std::runtime_error if openssl fails.
#pragma once

#include <string>

#include "tests/fakes/temp_dir.h"

namespace kinship::testing {

class TestCertificates {
 public:
  TestCertificates();
  std::string ca_file() const;         // the CA certificate (PEM), to trust
  std::string localhost_cert() const;  // SAN DNS:localhost, IP:127.0.0.1; signed by the CA
  std::string localhost_key() const;
  std::string other_cert() const;      // SAN DNS:other.example only; signed by the CA
  std::string other_key() const;

 private:
  std::string Path(const char* name) const { return (dir_.path() / name).string(); }
  TempDir dir_;
};

}  // namespace kinship::testing
