"""Re-encode screenshots as 256-colour PNGs (median cut, no dithering): UI screenshots keep their
look, at ~40% of the bytes, which keeps the .vsix inside its size budget. Usage: shrink-png.py FILE..."""
import os
import sys

from PIL import Image

for path in sys.argv[1:]:
    before = os.path.getsize(path)
    image = Image.open(path).convert('RGB')
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    print(f'{path}: {before // 1024} -> {os.path.getsize(path) // 1024} KB')
