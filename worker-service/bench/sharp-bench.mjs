// Sharp (libvips) on the same photos as the engine benchmark, one image at a time on one thread,
// for comparison: CPU milliseconds per image (process CPU, every thread) for a thumbnail and for a
// sticker as close as sharp allows. See docs/engine.md for the command.
//
//   UV_THREADPOOL_SIZE=1 node sharp-bench.mjs FOLDER [ROUNDS]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

// sharp is installed in the working directory (npm install sharp), not next to this script.
const sharp = createRequire(join(process.cwd(), 'noop.js'))('sharp');
sharp.concurrency(1);
sharp.cache(false);

const folder = process.argv[2];
const rounds = Number(process.argv[3] ?? 3);
const STICKER_BYTES = 100 * 1024;
const OUTLINE = 8;

const files = readdirSync(folder)
  .filter((f) => /\.(jpe?g|png|webp|tiff?)$/i.test(f))
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(join(folder, f)) }));

// Thumbnail preset: orient, fit inside 512x512 without enlarging, WebP q80.
async function thumbnail(input) {
  return sharp(input).rotate()
    .resize(512, 512, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 }).toBuffer();
}

// Sticker preset: sharp has no cut-out; unflatten() (white becomes transparent) is its nearest.
// Then trim, an 8 px white outline (dilated alpha under the image), fit 512x512 on a transparent
// canvas, WebP under 100 KB (quality stepped down like Kiln's encoder when it does not fit).
async function sticker(input) {
  const cut = await sharp(input).rotate().unflatten().trim({ threshold: 10 })
    .extend({ top: OUTLINE, bottom: OUTLINE, left: OUTLINE, right: OUTLINE,
      background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = cut.info;
  const raw = { width, height, channels: 4 };
  // The alpha grown by OUTLINE px: blur, then every pixel the blur reached (libvips' dilate with a
  // 17x17 mask costs about 20 times more on these photos).
  const ring = await sharp(cut.data, { raw }).extractChannel(3).blur(OUTLINE / 1.87).threshold(8)
    .raw().toBuffer();
  const layer = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .joinChannel(ring, { raw: { width, height, channels: 1 } })
    .raw().toBuffer();
  const outlined = await sharp(layer, { raw }).composite([{ input: cut.data, raw }])
    .raw().toBuffer();
  const fitted = sharp(outlined, { raw })
    .resize(512, 512, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } });
  return underLimit(fitted);
}

// The shape Kiln's benchmark runs when its build has no trim and outline ops: orient, cut out
// (unflatten), fit 512x512 on a transparent canvas, WebP under 100 KB.
async function stickerLite(input) {
  const fitted = sharp(input).rotate().unflatten()
    .resize(512, 512, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } });
  return underLimit(fitted);
}

async function underLimit(fitted) {
  let out = await fitted.clone().webp({ quality: 80 }).toBuffer();
  for (let low = 10, high = 79; out.length > STICKER_BYTES && low <= high;) {
    const q = (low + high) >> 1;
    const candidate = await fitted.clone().webp({ quality: q }).toBuffer();
    if (candidate.length <= STICKER_BYTES) { out = candidate; low = q + 1; } else { high = q - 1; }
  }
  return out;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function measure(name, pipeline) {
  for (let r = 0; r < 2; r++) for (const f of files) await pipeline(f.bytes); // warm-up
  const perImage = files.map(() => []);
  const wallStart = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < files.length; i++) {
      const before = process.cpuUsage();
      await pipeline(files[i].bytes);
      const used = process.cpuUsage(before);
      perImage[i].push((used.user + used.system) / 1000);
    }
  }
  const seconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const cpu = median(perImage.map(median));
  console.log(`${name.padEnd(12)} | ${(files.length * rounds / seconds).toFixed(2).padStart(8)} `
    + `${cpu.toFixed(1).padStart(12)}`);
}

console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, node ${process.version},`
  + ` concurrency ${sharp.concurrency()}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '-'},`
  + ` SIMD ${sharp.simd()}`);
console.log(`${files.length} images from ${folder}, ${rounds} rounds`);
console.log('pipeline     | 1T img/s    1T CPU-ms (process CPU per image, median over images)');
await measure('thumbnail', thumbnail);
await measure('sticker', sticker);
await measure('sticker-lite', stickerLite);
