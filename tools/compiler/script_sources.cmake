target_sources(trialxr_compiler PRIVATE
  src/build_cli.cpp
  src/color.cpp
  src/line_tagger.cpp
  src/narration_lowering.cpp
  src/scene_compiler.cpp
  src/schedule_lowering.cpp
  src/script_args.cpp
  src/script_analyzer.cpp
  src/script_parser.cpp
  src/text_lowering.cpp
)
