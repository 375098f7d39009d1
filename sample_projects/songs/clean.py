"""clean.als: a finished song on which no rule of any stage fires (see README.md)."""

from __future__ import annotations

from livexml import (
    AudioClip,
    AudioTrack,
    Automation,
    Fades,
    Limiter,
    LiveSet,
    Locator,
    ReturnTrack,
    Reverb,
    Sample,
    Scale,
    db_to_gain,
)

from .synth import SYNTH_RATE, beat_frames, synth_hat, synth_kick, synth_tone


def build() -> LiveSet:
    """A finished song on which no rule of any stage fires (see README.md).

    72 bars at 126 BPM (2:17) in D minor, marked by six locators. Four audio tracks play
    one-beat loops whose samples exist beside the set (`Samples/Imported/`); they enter and
    leave by section, so the song builds and drops and something starts or stops at least
    every 16 bars. The chords fade in over the intro (volume automation), hats and chords
    are panned apart and send to a reverb return, and a Limiter ends the main chain.
    """
    tempo = 126.0
    live_set = LiveSet(
        tempo=tempo,
        time_signature=(4, 4),
        scale=Scale.minor("D"),
        in_key=True,
        scene_count=2,
        locators=[
            Locator("Intro", 0),
            Locator("Verse", 32),
            Locator("Drop", 96),
            Locator("Break", 160),
            Locator("Drop 2", 192),
            Locator("Outro", 256),
        ],
    )
    frames = beat_frames(tempo)  # 10,500 frames: one beat at 22,050 Hz

    def loop_sample(name: str, audio: bytes) -> Sample:
        return Sample.wav(f"Samples/Imported/{name}.wav", audio, SYNTH_RATE, beats=1)

    kick_wav = loop_sample("Kick", synth_kick(frames))
    hats_wav = loop_sample("Hats", synth_hat(frames))
    bass_wav = loop_sample("Bass", synth_tone(frames, [73.42], level=0.8))  # D2
    chords_wav = loop_sample("Chords", synth_tone(frames, [293.66, 349.23, 440.0], level=0.7))  # Dm

    def play(track: AudioTrack, sample: Sample, *bars: tuple[int, int]) -> None:
        """One looped clip per (first bar, last bar), with Live's default edge fades."""
        for first, last in bars:
            track.clips.append(
                AudioClip(
                    track.name,
                    start=(first - 1) * 4,
                    end=last * 4,
                    loop=(0, 1),
                    sample=sample,
                    fades=Fades.live_default(),
                )
            )

    kick = live_set.add(AudioTrack("Kick", color=69))
    play(kick, kick_wav, (9, 24), (25, 40), (49, 64), (65, 72))
    hats = live_set.add(AudioTrack("Hats", color=69, pan=0.3))
    play(hats, hats_wav, (17, 24), (25, 40), (41, 48), (49, 64))
    bass = live_set.add(AudioTrack("Bass (bounced)", color=13, volume=db_to_gain(-3)))
    play(bass, bass_wav, (25, 40), (49, 64))
    chords = live_set.add(AudioTrack("Chords", color=26, pan=-0.3, volume=db_to_gain(-3)))
    play(chords, chords_wav, (1, 8), (9, 24), (25, 40), (41, 48), (49, 64), (65, 72))
    chords.automation.append(Automation("Volume", [(0, db_to_gain(-12)), (32, db_to_gain(-3))]))

    live_set.add(ReturnTrack("Reverb", color=8, devices=[Reverb()]))
    hats.sends = [db_to_gain(-20)]
    chords.sends = [db_to_gain(-12)]

    live_set.main_devices = [Limiter()]
    return live_set
