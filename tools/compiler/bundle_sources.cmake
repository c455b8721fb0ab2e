# Bundle writer and signing keys (owned by the bundle format work).
target_sources(trialxr_compiler PRIVATE
  src/bundle_writer.cpp
  src/signing_key.cpp
)
