# Translations: the texts of a scene as PO strings, the `strings` command, and the PO
# files read and checked at compile time (the PO files themselves: tools/l10n).
target_sources(trialxr_compiler PRIVATE
  src/scene_strings.cpp
  src/scene_texts.cpp
  src/translation_diagnostics.cpp
  src/translation_files.cpp
  src/translations.cpp
)
target_link_libraries(trialxr_compiler PUBLIC trialxr_l10n)
