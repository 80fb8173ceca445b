"""Family X's wave-1 and wave-2 maps for the tests: built in the demo module, used here."""

from fieldwork.demo.network_maps import KEYS, NAMES, family_x_wave_1, family_x_wave_2

__all__ = ["KEYS", "NAMES", "family_x_wave_1", "family_x_wave_2"]
