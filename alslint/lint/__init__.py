"""The lint wing: configuration, rule discovery, the engine that runs rules over sets, its
cache and baseline, and the results every report is rendered from."""
