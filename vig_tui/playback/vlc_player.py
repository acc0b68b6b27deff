"""The python-vlc implementation of :class:`~vig_tui.playback.player.Player`.

libVLC itself (loading it, the one instance, its arguments) lives in
:mod:`vig_tui.playback.libvlc`; the callbacks libVLC runs on its own thread live
in :mod:`vig_tui.playback.vlc_events`. Rules this module keeps (see ENGINEERING.md):

* libVLC is called only from the caller's (main) thread.
* The end of a clip is enforced twice: by the media's ``:stop-time=`` option and
  by :meth:`VlcPlayer.tick` watching the (interpolated) position, which also
  drives looping because libVLC 3 has no A-B loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vig_tui.playback.clock import Playhead
from vig_tui.playback.errors import CannotDecode, PlaybackError, PlayerUnavailable
from vig_tui.playback.film_end import START_TIMEOUT_S, damage_at_end
from vig_tui.playback.film_gate import readable_film
from vig_tui.playback.libvlc import display_hint, get_instance, load_vlc
from vig_tui.playback.player import (
    DEFAULT_FRAME_MS,
    Clip,
    EventKind,
    EventSink,
    PlayerEvent,
    PlayerSettings,
    PlayerState,
    check_rate,
    clamp_to_clip,
)
from vig_tui.playback.vlc_events import VlcCallbacks

log = logging.getLogger(__name__)

#: How long to wait for a video output before pausing on a requested frame anyway.
VOUT_WAIT_S = 0.5


class VlcPlayer(PlayerSettings):
    """Plays one film at a time in VLC's own window (or a dummy output in tests)."""

    def __init__(
        self,
        on_event: EventSink | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._vlc = load_vlc()
        self._instance = get_instance()
        self._sink = on_event
        self._clock = clock
        mp = self._instance.media_player_new()
        if mp is None:
            raise PlayerUnavailable("VLC could not create a player")
        self._mp: Any = mp
        self._media: Any = None
        self._film: Path | None = None
        self._length_ms = 0
        self._frame_ms = DEFAULT_FRAME_MS
        self._clip: Clip | None = None
        self._phase = PlayerState.EMPTY
        self._loop = False
        self._rate = 1.0
        self._playhead = Playhead(clock)
        self._requested_at = 0.0
        self._pause_when_playing = False
        self._ever_played_this_media = False
        self._playing_seen_at = 0.0
        self._hint = display_hint()
        self._closed = False
        self._callbacks = VlcCallbacks(self._vlc, mp, self._emit, lambda: self._film)

    def _emit(self, event: PlayerEvent) -> None:
        """Hand an event to the sink (from either thread)."""
        sink = self._sink
        if sink is None:
            return
        try:
            sink(event)
        except Exception:  # a faulty sink must not take VLC's thread down
            log.exception("player event sink failed")

    # ------------------------------------------------------------- set-up
    def open(self, film_path: Path) -> None:
        self._require_open_player()
        path = readable_film(Path(film_path))
        from vig_tui.playback.frames import probe  # PyAV, only when a film is opened

        info = probe(path)  # PyAV reads the header at once: no waiting on libVLC's parser
        if not info.decodes:
            raise CannotDecode(path, "no picture can be decoded from it; the file is damaged")
        self._stop_media()
        self._film = path
        self._length_ms = info.length_ms
        self._frame_ms = max(1, round(info.frame_s * 1000)) if info.frame_s else DEFAULT_FRAME_MS
        self._clip = None
        self._phase = PlayerState.READY
        self._ever_played_this_media = False
        self._playhead.set_running(False)
        self._playhead.reset(0)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._sink = None
        self._callbacks.detach()
        self._stop_media()
        self._mp.release()
        self._phase = PlayerState.EMPTY
        self._film = None

    # -------------------------------------------------------------- state
    @property
    def state(self) -> PlayerState:
        self._sync()
        return self._phase

    @property
    def length_ms(self) -> int:
        return self._length_ms

    def position_ms(self) -> int:
        self._sync()
        return clamp_to_clip(self._playhead.position(), self._clip, self._length_ms)

    def tick(self) -> None:
        if self._closed or self._film is None:
            return
        vlc_state = self._sync()
        now = self._clock()
        if self._phase is PlayerState.OPENING and now - self._requested_at > START_TIMEOUT_S:
            self._fail(CannotDecode(self._film, "it did not start playing"))
            return
        if vlc_state == self._vlc.State.Ended and self._phase in (
            PlayerState.OPENING,
            PlayerState.PLAYING,
            PlayerState.PAUSED,
        ):
            damage = damage_at_end(
                self._film,
                ever_played=self._ever_played_this_media,
                stopped_at=self._playhead.position(),
                length_ms=self._length_ms,
                clip=self._clip,
            )
            if damage is not None:
                self._fail(damage)
            elif self._clip is not None and self._clip.end_ms is not None:
                self._clip_end(media_finished=True)
            elif self._loop:
                start = self._clip.start_ms if self._clip is not None else 0
                self._start_media(self._film, start, None, paused=False)
                self._emit(PlayerEvent(EventKind.LOOPED, position_ms=start))
            else:
                self._phase = PlayerState.FILM_ENDED
                self._playhead.set_running(False)
                self._playhead.reset(self._length_ms)
                self._emit(PlayerEvent(EventKind.END_OF_FILM, position_ms=self._length_ms))
            return
        if self._phase is PlayerState.PLAYING and self._clip is not None:
            end = self._clip.end_ms
            if end is not None and self._playhead.position() >= end:
                self._clip_end(media_finished=False)

    # ------------------------------------------------------------ controls
    def play_clip(self, start_ms: int, end_ms: int | None = None) -> None:
        film = self._require_film()
        start_ms = max(0, int(start_ms))
        if end_ms is not None:
            end_ms = int(end_ms)
            if end_ms <= start_ms:
                raise ValueError("a clip must end after it starts")
        if self._length_ms and start_ms >= self._length_ms:
            start_ms = max(0, self._length_ms - self._frame_ms)
        self._begin_clip(Clip(start_ms, end_ms))
        self._playhead.set_rate(self._rate)
        self._start_media(film, start_ms, end_ms, paused=False)

    def play_film(self, start_ms: int = 0, *, paused: bool = False) -> None:
        film = self._require_film()
        self._clip = None
        target = clamp_to_clip(int(start_ms), None, self._length_ms)
        if self._length_ms and target >= self._length_ms:
            target = max(0, self._length_ms - self._frame_ms)
        self._start_media(film, target, None, paused=paused)

    def play(self) -> None:
        phase = self.state
        if phase is PlayerState.READY:
            self.play_film(0)
        elif phase in (PlayerState.CLIP_ENDED, PlayerState.FILM_ENDED, PlayerState.ERROR):
            self.replay()
        elif phase is PlayerState.PAUSED:
            if self._pause_when_playing:
                self._pause_when_playing = False  # it never got going; let it
                self._phase = PlayerState.OPENING
                return
            self._mp.set_pause(0)
            self._phase = PlayerState.PLAYING
            self._playhead.set_running(True)

    def pause(self) -> None:
        phase = self.state
        if phase is PlayerState.PLAYING:
            self._mp.set_pause(1)
            self._phase = PlayerState.PAUSED
            self._playhead.set_running(False)
        elif phase is PlayerState.OPENING:
            self._pause_when_playing = True
            self._phase = PlayerState.PAUSED

    def toggle(self) -> None:
        if self.state in (PlayerState.PLAYING, PlayerState.OPENING):
            self.pause()
        else:
            self.play()

    def replay(self) -> None:
        if self._film is None:
            return
        clip = self._clip or Clip(0, None)
        if self._media_alive():
            self._seek_alive(clip.start_ms)
            if self._phase is not PlayerState.PLAYING:
                self._mp.set_pause(0)
                self._phase = PlayerState.PLAYING
                self._playhead.set_running(True)
        else:
            self._start_media(self._film, clip.start_ms, clip.end_ms, paused=False)

    def set_loop(self, on: bool) -> None:
        self._loop = bool(on)

    def set_rate(self, rate: float) -> None:
        rate = check_rate(rate)
        self._rate = rate
        self._playhead.set_rate(rate)
        if self._media is not None:
            self._mp.set_rate(rate)

    def seek(self, position_ms: int) -> None:
        if self._film is None:
            return
        target = clamp_to_clip(int(position_ms), self._clip, self._length_ms)
        if self._media_alive():
            self._seek_alive(target)
            if self._phase is PlayerState.CLIP_ENDED:
                self._phase = PlayerState.PAUSED
        else:
            # Nothing showing yet (or the film ran out): load it at the target, paused.
            end = self._clip.end_ms if self._clip is not None else None
            self._start_media(self._film, target, end, paused=True)

    def jump(self, delta_ms: int) -> None:
        self.seek(self.position_ms() + int(delta_ms))

    def step_forward(self) -> None:
        if not self._media_alive():
            self.seek(self.position_ms())
            return
        position = self.position_ms()
        end = self._clip.end_ms if self._clip is not None else None
        limit = end if end is not None else (self._length_ms or None)
        if limit is not None and position + self._frame_ms > limit:
            self.freeze()
            return
        if self._phase is PlayerState.PLAYING:
            self.pause()
        self._mp.next_frame()
        self._phase = PlayerState.PAUSED
        self._playhead.reset(position + self._frame_ms, stale_raw=self._raw_time())

    def step_back(self) -> None:
        position = self.position_ms()
        self.freeze()
        self.seek(position - self._frame_ms)

    def freeze(self) -> None:
        self.pause()

    def has_video_output(self) -> bool:
        """Does libVLC have a video output (a window, or the dummy one) for this film?"""
        return bool(self._mp.has_vout())

    def snapshot(self, dest: Path) -> Path:
        from vig_tui.playback.stills import save_still  # PyAV, only when a still is taken

        return save_still(self._film, self.position_ms(), dest)

    # ----------------------------------------------------------- internals
    def _require_open_player(self) -> None:
        if self._closed:
            raise RuntimeError("this player has been closed")

    def _require_film(self) -> Path:
        self._require_open_player()
        if self._film is None:
            raise RuntimeError("open a film before playing it")
        return self._film

    def _raw_time(self) -> int:
        return int(self._mp.get_time())

    def _media_alive(self) -> bool:
        if self._media is None:
            return False
        state = self._mp.get_state()
        return state in (self._vlc.State.Playing, self._vlc.State.Paused)

    def _start_media(self, film: Path, start_ms: int, end_ms: int | None, *, paused: bool) -> None:
        media = self._instance.media_new_path(str(film))
        if media is None:
            self._fail(CannotDecode(film, "VLC could not create a media for it"))
            return
        media.add_option(f":start-time={start_ms / 1000:.3f}")
        if end_ms is not None:
            media.add_option(f":stop-time={end_ms / 1000:.3f}")
        old = self._media
        self._mp.set_media(media)
        self._media = media
        if old is not None:
            old.release()
        self._playhead.set_running(False)
        self._playhead.reset(start_ms, stale_raw=self._raw_time())
        self._phase = PlayerState.OPENING
        self._pause_when_playing = paused
        self._ever_played_this_media = False
        self._requested_at = self._clock()
        if self._mp.play() != 0:
            self._fail(CannotDecode(film, "VLC could not start it"))
            return
        if self._mp.get_rate() != self._rate:  # libVLC keeps the last media's rate
            self._mp.set_rate(self._rate)

    def _restart_media(self, start_ms: int) -> None:
        """Start the current media again after it ran out (its options still apply)."""
        self._mp.stop()
        self._playhead.set_running(False)
        self._playhead.reset(start_ms, stale_raw=self._raw_time())
        self._phase = PlayerState.OPENING
        self._ever_played_this_media = False
        self._requested_at = self._clock()
        self._mp.play()
        if self._rate != 1.0:
            self._mp.set_rate(self._rate)

    def _seek_alive(self, target: int) -> None:
        self._mp.set_time(int(target))
        self._playhead.reset(target, stale_raw=self._raw_time())

    def _stop_media(self) -> None:
        if self._media is not None:
            self._mp.stop()
            self._media.release()
            self._media = None
        self._playhead.set_running(False)

    def _clip_end(self, *, media_finished: bool) -> None:
        clip = self._clip
        assert clip is not None and clip.end_ms is not None
        if self._loop:
            if media_finished:
                self._restart_media(clip.start_ms)
                # stop-time ended the input: a fresh start re-applies start-time
            else:
                self._seek_alive(clip.start_ms)
            self._emit(PlayerEvent(EventKind.LOOPED, position_ms=clip.start_ms))
            return
        if not media_finished:
            self._mp.set_pause(1)
        self._playhead.set_running(False)
        self._playhead.reset(clip.end_ms)
        self._phase = PlayerState.CLIP_ENDED
        self._emit(PlayerEvent(EventKind.CLIP_ENDED, position_ms=clip.end_ms))

    def _fail(self, error: PlaybackError) -> None:
        self._phase = PlayerState.ERROR
        self._playhead.set_running(False)
        if self._media is not None:
            self._mp.stop()
        self._emit(PlayerEvent(EventKind.ERROR, error=error))

    def _sync(self) -> Any:
        """Bring our phase in line with libVLC's state; returns libVLC's state."""
        if self._closed:
            return None
        state = self._mp.get_state()
        states = self._vlc.State
        if state == states.Playing and not self._ever_played_this_media:
            self._ever_played_this_media = True
            self._playing_seen_at = self._clock()
            fps = float(self._mp.get_fps() or 0.0)
            if fps > 1.0:
                self._frame_ms = max(1, round(1000.0 / fps))
        if state == states.Playing:
            if self._pause_when_playing:
                # Asked to show this position paused: hold the first picture, once
                # the video output exists (pausing earlier leaves nothing to show).
                waited = self._clock() - self._playing_seen_at
                if self._mp.has_vout() or waited > VOUT_WAIT_S:
                    self._pause_when_playing = False
                    self._mp.set_pause(1)
                    self._phase = PlayerState.PAUSED
            elif self._phase is PlayerState.OPENING:
                self._phase = PlayerState.PLAYING
        elif state == states.Error and self._phase is not PlayerState.ERROR:
            # The error callback has already told the UI; just record it.
            self._phase = PlayerState.ERROR
        self._playhead.set_running(self._phase is PlayerState.PLAYING)
        if self._phase is PlayerState.PLAYING:
            self._playhead.report(self._raw_time())
        return state
