// Runs fauxqs's S3 emulation on 127.0.0.1 only (its own CLI binds every interface),
// with objects kept in files so a stop/start of the server keeps them.
// Arguments: <fauxqs dist folder> <port> <data folder> <bucket to create>
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { dirname, join, sep } from "node:path";

const [dist, port, dataDir, bucket] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(join(dist, file)).href);

const { buildApp } = await load("app.js");
const { S3Store } = await load("s3/s3Store.js");
const { FileS3Persistence } = await load("s3/fileS3Persistence.js");

// A file name holds 255 bytes, an S3 key 1,024 (a Pollinations key runs to 999 with no '/').
const MAX_NAME_BYTES = 200;
const READABLE_PREFIX_BYTES = 64;

// fauxqs's own escaping of a key segment, kept identical so that keys of ordinary length keep their files.
const escapeSegment = (segment) =>
  // eslint-disable-next-line no-control-regex
  segment.replace(/[<>:"|?*\\%\x00-\x1f]/g, (ch) => "%" + ch.charCodeAt(0).toString(16).padStart(2, "0"));

// An over-long segment becomes its readable start + "%~" + the SHA-256 of the whole segment: unique, the same on
// every start, and never the name of a short segment (after escaping, a '%' is always followed by two hex digits).
function fileName(segment) {
  const escaped = escapeSegment(segment);
  if (Buffer.byteLength(escaped) <= MAX_NAME_BYTES) {
    return escaped;
  }
  let prefix = "";
  for (const ch of segment) {
    const next = prefix + escapeSegment(ch);
    if (Buffer.byteLength(next) > READABLE_PREFIX_BYTES) {
      break;
    }
    prefix = next;
  }
  return prefix + "%~" + createHash("sha256").update(segment).digest("hex");
}

// FileS3Persistence names files after keys; every method that derives a path from a key is replaced here. Loading
// is inherited: it takes each key from its .meta.json, never from a file name.
class LongKeyFileS3Persistence extends FileS3Persistence {
  objectsDir(bucketName) {
    return join(this.bucketsDir, bucketName, "objects");
  }

  // The suffix goes on before joining, as in fauxqs: a key ending in "/." or "/.." must not be normalised away.
  objectFile(bucketName, key, suffix) {
    return join(this.objectsDir(bucketName), key.split("/").map(fileName).join(sep) + suffix);
  }

  upsertObject(bucketName, obj) {
    const data = this.objectFile(bucketName, obj.key, ".data");
    mkdirSync(dirname(data), { recursive: true });
    writeFileSync(data, obj.body);
    // Everything but the body, as fauxqs's loader reads it (dates as ISO strings).
    const { body: _, ...meta } = obj;
    writeFileSync(this.objectFile(bucketName, obj.key, ".meta.json"), JSON.stringify(meta));
  }

  deleteObject(bucketName, key) {
    const data = this.objectFile(bucketName, key, ".data");
    rmSync(data, { force: true });
    rmSync(this.objectFile(bucketName, key, ".meta.json"), { force: true });
    this.cleanEmptyParents(dirname(data), this.objectsDir(bucketName));
  }

  renameObject(bucketName, sourceKey, destKey) {
    const fromData = this.objectFile(bucketName, sourceKey, ".data");
    const fromMeta = this.objectFile(bucketName, sourceKey, ".meta.json");
    const toData = this.objectFile(bucketName, destKey, ".data");
    const toMeta = this.objectFile(bucketName, destKey, ".meta.json");
    const meta = JSON.parse(readFileSync(fromMeta, "utf-8"));
    mkdirSync(dirname(toData), { recursive: true });
    renameSync(fromData, toData);
    writeFileSync(toMeta, JSON.stringify({ ...meta, key: destKey }));
    if (fromMeta !== toMeta) {
      rmSync(fromMeta, { force: true });
      this.cleanEmptyParents(dirname(fromData), this.objectsDir(bucketName));
    }
  }

  readBody(bucketName, key) {
    return readFileSync(this.objectFile(bucketName, key, ".data"));
  }
}

const s3Store = new S3Store();
const persistence = new LongKeyFileS3Persistence(dataDir);
persistence.loadS3(s3Store);
s3Store.persistence = persistence;
if (!s3Store.hasBucket(bucket)) {
  s3Store.createBucket(bucket);
}

const app = buildApp({ logger: false, stores: { s3Store } });
app.addHook("preClose", () => persistence.close());
await app.listen({ port: Number(port), host: "127.0.0.1" });

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
    await app.close();
    process.exit(0);
  });
}
console.log(`s3 server on 127.0.0.1:${port}, data in ${dataDir}`);
