#!/bin/sh
# Regenerates data/sample-film.mp4: a 12-second synthetic test film used by the
# playback tests, the benchmark and the demo family. It shows a moving test
# pattern with a running timecode and frame number burnt in, and carries a
# quiet 440 Hz tone. No person appears in it.
#
# H.264 + AAC in MP4, 640x360, 25 fps, a keyframe every second (-g 25) so that
# seeking lands close to the requested time. The result stays well under 1 MB.
#
# Usage: sh data/make_sample_film.sh [output-path]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/sample-film.mp4"}

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=25:duration=12" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=12" \
  -filter_complex "[0:v]drawtext=text='%{pts\\:hms}  frame %{frame_num}':x=20:y=20:fontsize=32:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=8[v];[1:a]volume=0.2[a]" \
  -map "[v]" -map "[a]" \
  -c:v libx264 -preset medium -profile:v main -pix_fmt yuv420p \
  -g 25 -keyint_min 25 -sc_threshold 0 -crf 30 \
  -c:a aac -b:a 64k -ac 1 \
  -movflags +faststart \
  -metadata title="vig sample film (synthetic)" \
  "$out"

echo "wrote $out ($(wc -c < "$out") bytes)"
