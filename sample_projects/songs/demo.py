"""demo.als: a set with one problem per place a rule should fire (see README.md)."""

from __future__ import annotations

from livexml import (
    AudioClip,
    AudioTrack,
    Automation,
    Delay,
    Fades,
    GroupTrack,
    Limiter,
    LiveSet,
    Locator,
    MidiClip,
    MidiTrack,
    Note,
    ReturnTrack,
    Reverb,
    Sample,
    Scale,
    Simpler,
    Utility,
    Vst3Plugin,
    beats_to_seconds,
    db_to_gain,
)


def build() -> LiveSet:
    """A set with one problem per place a rule should fire (see README.md)."""
    tempo = 124.0
    live_set = LiveSet(
        tempo=tempo,
        time_signature=(4, 4),
        scale=Scale.minor("A"),
        in_key=True,
        scene_count=2,
        locators=[
            Locator("Intro", 0),
            Locator("Verse", 64),
            Locator("Drop", 128),
            Locator("Outro", 256),
        ],
    )
    one_bar = beats_to_seconds(4, tempo)  # 1.935483871 s
    # None of these files exists: the set was "copied from another computer".
    kick_loop = Sample("Samples/Imported/Kick Loop.wav", seconds=one_bar, beats=4)
    snare_hit = Sample(
        "Samples/Imported/Snare Hit.wav", seconds=beats_to_seconds(68, tempo), beats=68
    )
    snare_fill = Sample("Samples/Imported/Snare Fill.wav", seconds=one_bar, beats=4)
    pad = Sample("Samples/Imported/Pad.wav", seconds=beats_to_seconds(64, tempo), beats=64)

    drums = live_set.add(GroupTrack("Drums", color=69))
    kick = live_set.add(AudioTrack("Kick", color=69, group=drums, volume=db_to_gain(3)))  # +3 dB
    for start, end in ((0, 128), (160, 320)):
        kick.clips.append(
            AudioClip(
                "Kick Loop",
                start=start,
                end=end,
                loop=(0, 4),
                sample=kick_loop,
                fades=Fades.live_default(),
                warp_markers=((0.0, 0.0), (one_bar, 4.0)),
            )
        )
    kick.sends = [db_to_gain(-12)]  # A at -12 dB; B at the floor
    # A reverb tried on the snare and switched off, never deleted.
    snare = live_set.add(AudioTrack("Snare", color=69, group=drums, devices=[Reverb(on=False)]))
    snare.clips += [
        # Starts 2 beats into its sample with no fades at all: clicks at both edges.
        AudioClip(
            "Snare Hit", start=64, end=128, start_offset=2, sample=snare_hit, fades=Fades.none()
        ),
        AudioClip(
            "Snare Fill", start=124, end=128, sample=snare_fill, fades=Fades.explicit(0.01, 0.01)
        ),
    ]

    bass = live_set.add(MidiTrack("Bass", color=13, volume=0.5, devices=[Simpler()]))
    bassline = [
        Note(45, 0, 0.5, 110),
        Note(45, 1, 0.25, 90),
        Note(52, 2, 0.5, 100),
        Note(45, 4, 0.5, 110),
        Note(45, 6, 0.25, 90),
        Note(52, 8, 0.5, 100),
        Note(45, 10, 0.5, 110),
        Note(52, 12.04, 0.25, 95),  # played in late (19 ms) while the rest is quantized
    ]
    bass.clips.append(MidiClip("Bassline", start=0, end=256, loop=(0, 16), notes=bassline))
    bass.automation.append(Automation("Volume", [(32, 0.5), (48, 0.8)]))

    vital = Vst3Plugin(
        name="Vital", uid=(1447644268, 1097098573, 1347768436, 1716855857), instrument=True
    )
    lead = live_set.add(MidiTrack("Lead", color=26, devices=[vital], solo=True))  # left soloed
    lead.clips += [
        MidiClip(
            "Lead A",
            start=64,
            end=128,
            loop=(0, 8),
            notes=[Note(69, 0, 1), Note(72, 1, 1), Note(76, 2, 2), Note(74, 4, 2)],
        ),
        MidiClip(
            "Lead B",
            start=160,
            end=256,
            loop=(0, 8),
            notes=[Note(76, 0, 1), Note(74, 1, 1), Note(72, 2, 1), Note(69, 3, 3)],
        ),
        # An idea switched off and left in the arrangement.
        MidiClip(
            "Lead Old",
            start=256,
            end=288,
            loop=(0, 8),
            disabled=True,
            notes=[Note(69, 0, 2), Note(67, 2, 2), Note(64, 4, 4)],
        ),
    ]

    live_set.add(AudioTrack("Old Vocal", color=3))  # never used: no clips at all
    pad_track = live_set.add(AudioTrack("Pad", color=40, active=False))  # switched off
    pad_track.clips.append(
        AudioClip("Pad", start=0, end=64, sample=pad, fades=Fades.live_default())
    )
    live_set.add(GroupTrack("FX", color=55))  # a group with nothing in it

    live_set.add(ReturnTrack("Reverb", color=8, devices=[Reverb()]))
    live_set.add(ReturnTrack("Delay", color=10, devices=[Delay()]))  # no track sends to it

    live_set.main_volume = 1.0
    # A Utility raising the gain after the limiter: peaks pass the ceiling again.
    live_set.main_devices = [Limiter(), Utility(gain=db_to_gain(3))]
    return live_set
