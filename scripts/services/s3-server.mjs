// Runs fauxqs's S3 emulation on 127.0.0.1 only (its own CLI binds every interface),
// with objects kept in files so a stop/start of the server keeps them.
// Arguments: <fauxqs dist folder> <port> <data folder> <bucket to create>
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dist, port, dataDir, bucket] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(join(dist, file)).href);

const { buildApp } = await load("app.js");
const { S3Store } = await load("s3/s3Store.js");
const { FileS3Persistence } = await load("s3/fileS3Persistence.js");

const s3Store = new S3Store();
const persistence = new FileS3Persistence(dataDir);
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
