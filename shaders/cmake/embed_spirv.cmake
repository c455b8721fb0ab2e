# cmake -DSPV=<file.spv> -DCPP=<out.cpp> -DNAME=<identifier> -P embed_spirv.cmake
# Writes the SPIR-V words of SPV as `const std::span<const std::uint32_t> NAME` in
# namespace trialxr::shaders. SPIR-V is a stream of little-endian 32-bit words.
file(READ ${SPV} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR remainder "${hex_length} % 8")
if(hex_length EQUAL 0 OR NOT remainder EQUAL 0)
  message(FATAL_ERROR "${SPV}: not a SPIR-V module (size ${hex_length} hex digits)")
endif()
# Each 8 hex digits are the bytes b0 b1 b2 b3 of one word; the word is 0xb3b2b1b0.
string(REGEX REPLACE "(..)(..)(..)(..)" "0x\\4\\3\\2\\1u," words "${hex}")
string(REGEX REPLACE "((0x[0-9a-f]+u,){8})" "\\1\n    " words "${words}")
set(content "// Generated from ${NAME}.spv by shaders/cmake/embed_spirv.cmake; do not edit.
#include \"trialxr/shaders/spirv.h\"

namespace trialxr::shaders {
namespace {
constexpr std::uint32_t kWords[] = {
    ${words}
};
}  // namespace
const std::span<const std::uint32_t> ${NAME}{kWords};
}  // namespace trialxr::shaders
")
file(WRITE ${CPP}.tmp "${content}")
file(COPY_FILE ${CPP}.tmp ${CPP} ONLY_IF_DIFFERENT)
file(REMOVE ${CPP}.tmp)
