import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  link,
  mkdtemp,
  open,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { zipSync } from 'fflate';
import { openZip } from '../../modules/validation/zip/index.ts';
import {
  FileIntegrityError,
  FileTooLargeError,
  StoredFileNotFoundError,
  UnknownMasterKeyError,
  createEncryptedStore,
  type EncryptedStore,
  type StoredFile,
} from './encrypted-store.ts';
import { MasterKey } from './master-key.ts';

async function withStore(run: (store: EncryptedStore, root: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ggk-encrypted-store-'));
  try {
    const root = path.join(folder, 'files');
    await run(createEncryptedStore({ root, masterKey: new MasterKey(randomBytes(32)) }), root);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function* chunksOf(bytes: Uint8Array, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    yield bytes.subarray(offset, Math.min(offset + chunkSize, bytes.length));
  }
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function storedPath(root: string, fileId: string): string {
  return path.join(root, fileId.slice(0, 2), `${fileId}.enc`);
}

async function listFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function flipByte(filePath: string, position: number): Promise<void> {
  const handle = await open(filePath, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, position);
    byte[0] = byte[0]! ^ 0x01;
    await handle.write(byte, 0, 1, position);
  } finally {
    await handle.close();
  }
}

test('round-trips small, empty and 20 MB files with the plaintext SHA-256 and size', async () => {
  await withStore(async (store, root) => {
    const cases = [
      Buffer.from('BSN;naam\n123456782;Jansen\n'),
      Buffer.alloc(0),
      randomBytes(20 * 1024 * 1024),
    ];
    for (const plaintext of cases) {
      const stored = await store.write(chunksOf(plaintext, 100_003));
      assert.match(stored.fileId, /^[0-9a-f]{32}$/);
      assert.equal(stored.bytes, plaintext.length);
      assert.equal(stored.sha256, sha256Of(plaintext));
      assert.match(stored.wrappedKey, /^v1\.[0-9a-f]{8}\.[A-Za-z0-9+/]+=*$/);
      assert.ok((await readAll(store.read(stored))).equals(plaintext));
      assert.deepEqual(await store.verify(stored), { sha256: stored.sha256, bytes: stored.bytes });
      const info = await stat(storedPath(root, stored.fileId));
      assert.equal(info.size, plaintext.length + 33, 'header 17 + ciphertext + tag 16');
      assert.equal(info.mode & 0o777, 0o600);
    }
    assert.deepEqual(await readdir(path.join(root, 'tmp')), []);
  });
});

test('stores no plaintext: a recognisable BSN does not occur in the bytes on disk', async () => {
  await withStore(async (store, root) => {
    const plaintext = Buffer.from('123456782;'.repeat(10_000));
    const stored = await store.write(chunksOf(plaintext));
    const onDisk = await readFile(storedPath(root, stored.fileId));
    assert.equal(onDisk.subarray(0, 4).toString('ascii'), 'GGKE');
    assert.equal(onDisk[4], 1);
    assert.equal(onDisk.indexOf('123456782'), -1);
    assert.equal(onDisk.indexOf(Buffer.from(stored.wrappedKey.split('.')[2]!, 'base64')), -1);
  });
});

test('a changed byte anywhere in the file ends reading with FileIntegrityError', async () => {
  await withStore(async (store, root) => {
    const plaintext = randomBytes(3 * 1024 * 1024 + 5);
    for (const position of [2, 10, 17, 1_500_000, plaintext.length + 17 + 3]) {
      const stored = await store.write(chunksOf(plaintext));
      await flipByte(storedPath(root, stored.fileId), position);
      await assert.rejects(readAll(store.read(stored)), FileIntegrityError, `byte ${position}`);
    }
  });
});

test('a truncated file ends reading with FileIntegrityError', async () => {
  await withStore(async (store, root) => {
    const stored = await store.write(chunksOf(randomBytes(1000)));
    const handle = await open(storedPath(root, stored.fileId), 'r+');
    await handle.truncate(500);
    await handle.close();
    await assert.rejects(readAll(store.read(stored)), FileIntegrityError);
  });
});

test('another master key cannot read the file; a wrapped key moved to another file does not open it', async () => {
  await withStore(async (store, root) => {
    const stored = await store.write(chunksOf(Buffer.from('geheim')));
    const other = createEncryptedStore({ root, masterKey: new MasterKey(randomBytes(32)) });
    await assert.rejects(readAll(other.read(stored)), UnknownMasterKeyError);

    const second = await store.write(chunksOf(Buffer.from('ander geheim')));
    await assert.rejects(
      readAll(store.read({ fileId: second.fileId, wrappedKey: stored.wrappedKey })),
      FileIntegrityError,
    );
    const sealed = Buffer.from(stored.wrappedKey.split('.')[2]!, 'base64');
    sealed[20] = sealed[20]! ^ 0x01;
    const [version, keyId] = stored.wrappedKey.split('.');
    const tampered = `${version}.${keyId}.${sealed.toString('base64')}`;
    await assert.rejects(readAll(store.read({ ...stored, wrappedKey: tampered })), FileIntegrityError);
  });
});

test('reads files wrapped by a previous master key after a rotation', async () => {
  await withStore(async (_store, root) => {
    const oldKey = new MasterKey(randomBytes(32));
    const before = await createEncryptedStore({ root, masterKey: oldKey }).write(
      chunksOf(Buffer.from('oud')),
    );
    const rotated = createEncryptedStore({
      root,
      masterKey: new MasterKey(randomBytes(32)),
      previousMasterKeys: [oldKey],
    });
    assert.equal((await readAll(rotated.read(before))).toString(), 'oud');
  });
});

test('stops at maxBytes with FileTooLargeError and leaves no file behind', async () => {
  await withStore(async (store, root) => {
    await assert.rejects(store.write(chunksOf(randomBytes(3000), 1000), { maxBytes: 2500 }), (error) => {
      assert.ok(error instanceof FileTooLargeError);
      assert.equal(error.limit, 2500);
      assert.equal(error.code, 'files.too_large');
      return true;
    });
    assert.deepEqual(await listFilesUnder(root), []);
    assert.deepEqual(await store.listStoredFileIds(), []);
    const exact = await store.write(chunksOf(randomBytes(2500), 1000), { maxBytes: 2500 });
    assert.equal(exact.bytes, 2500);
  });
});

test('FileTooLargeError says the limit in Dutch', () => {
  assert.equal(new FileTooLargeError(2 * 1024 ** 3).message, 'Het bestand is groter dan de toegestane 2 GB.');
  assert.equal(
    new FileTooLargeError(500 * 1024 ** 2).message,
    'Het bestand is groter dan de toegestane 500 MB.',
  );
});

test('a source that fails halfway leaves no file behind and the error comes through', async () => {
  await withStore(async (store, root) => {
    async function* failing() {
      yield randomBytes(3 * 1024 * 1024);
      throw new Error('verbinding verbroken');
    }
    await assert.rejects(store.write(failing()), /verbinding verbroken/);
    assert.deepEqual(await listFilesUnder(root), []);
  });
});

test('an abort stops a write that waits for a stalled source and leaves no file behind', async () => {
  await withStore(async (store, root) => {
    async function* stalling() {
      yield randomBytes(1024);
      await new Promise(() => {});
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(store.write(stalling(), { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(await listFilesUnder(root), []);
  });
});

test('removePartialFiles removes leftovers of interrupted writes and nothing else', async () => {
  await withStore(async (store, root) => {
    const kept = await store.write(chunksOf(Buffer.from('blijft')));
    await writeFile(path.join(root, 'tmp', 'a.partial'), 'half');
    await writeFile(path.join(root, 'tmp', 'b.partial'), 'half');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(path.join(root, 'tmp', 'a.partial'), old, old);
    assert.equal(await store.removePartialFiles({ olderThanMs: 60_000 }), 1);
    assert.deepEqual(await readdir(path.join(root, 'tmp')), ['b.partial']);
    assert.equal(await store.removePartialFiles(), 0, 'b was written just now: maybe by a live process');
    assert.equal(await store.removePartialFiles({ olderThanMs: 0 }), 1);
    assert.deepEqual(await readdir(path.join(root, 'tmp')), []);
    assert.equal(await store.removePartialFiles({ olderThanMs: 0 }), 0);
    assert.deepEqual(await store.listStoredFileIds(), [kept.fileId]);
  });
});

test('removePartialFiles without an age leaves a write in flight alone (a node starting beside others)', async () => {
  await withStore(async (store, root) => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    async function* upload() {
      yield Buffer.alloc(3 * 1024 * 1024, 0x31);
      await paused;
      yield Buffer.from('einde');
    }
    const writing = store.write(upload());
    while ((await readdir(path.join(root, 'tmp')).catch(() => [])).length === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await store.removePartialFiles(), 0);
    release();
    const stored = await writing;
    assert.equal(stored.bytes, 3 * 1024 * 1024 + 5);
    assert.deepEqual(await store.listStoredFileIds(), [stored.fileId]);
  });
});

test('removePartialFiles without an age: a fresh partial of a dead process on this host goes, of a live one stays', async () => {
  await withStore(async (store, root) => {
    await store.write(chunksOf(Buffer.from('maakt tmp aan')));
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 16);
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    const name = (pid: number) => `${host}-${pid}.${randomBytes(16).toString('hex')}.partial`;
    const dead = name(ended);
    const live = name(process.ppid);
    const otherHost = `0000000000000000-${ended}.${randomBytes(16).toString('hex')}.partial`;
    for (const file of [dead, live, otherHost]) await writeFile(path.join(root, 'tmp', file), 'half');
    assert.equal(await store.removePartialFiles(), 1);
    assert.deepEqual((await readdir(path.join(root, 'tmp'))).sort(), [live, otherHost].sort());
  });
});

test('removePartialFiles and listStoredFileIds on a store that never wrote', async () => {
  await withStore(async (store) => {
    assert.equal(await store.removePartialFiles(), 0);
    assert.deepEqual(await store.listStoredFileIds(), []);
  });
});

test('destroy removes the file; reading it afterwards says so; destroying twice is fine', async () => {
  await withStore(async (store) => {
    const first = await store.write(chunksOf(Buffer.from('een')));
    const second = await store.write(chunksOf(Buffer.from('twee')));
    assert.deepEqual((await store.listStoredFileIds()).sort(), [first.fileId, second.fileId].sort());
    await store.destroy(first);
    await store.destroy(first);
    assert.deepEqual(await store.listStoredFileIds(), [second.fileId]);
    await assert.rejects(readAll(store.read(first)), StoredFileNotFoundError);
    await assert.rejects(
      readAll(store.read({ ...first, fileId: '../../etc/passwd' })),
      StoredFileNotFoundError,
    );
  });
});

test('destroy overwrites the bytes before removing the file: a second name for it shows only zeros', async () => {
  await withStore(async (store, root) => {
    const stored = await store.write(chunksOf(randomBytes(3 * 1024 * 1024 + 5)));
    const storedPath = path.join(root, stored.fileId.slice(0, 2), `${stored.fileId}.enc`);
    // A hard link keeps the inode alive after the unlink, as a lingering copy on the disk would.
    const witness = path.join(root, '..', 'witness.enc');
    await link(storedPath, witness);
    await store.destroy(stored);
    const left = await readFile(witness);
    assert.equal(left.length, 3 * 1024 * 1024 + 5 + 33);
    assert.ok(
      left.every((b) => b === 0),
      'every byte overwritten',
    );
    await assert.rejects(stat(storedPath), /ENOENT/);
  });
});

test('openByteSource streams and reads at any offset, including a ZIP-style read near the end', async () => {
  await withStore(async (store) => {
    const plaintext = randomBytes(3 * 1024 * 1024 + 77);
    const stored: StoredFile = await store.write(chunksOf(plaintext));
    const source = store.openByteSource(stored, 'MSD.zip');
    assert.equal(source.name, 'MSD.zip');
    assert.equal(source.size, plaintext.length);
    assert.ok((await readAll(source.stream())).equals(plaintext));
    assert.ok((await readAll(source.stream())).equals(plaintext), 'a second stream starts from the start');
    const ranges: Array<[number, number]> = [
      [plaintext.length - 22, 22],
      [plaintext.length - 65_557, 65_557],
      [0, 4],
      [15, 2],
      [1_048_573, 1_048_600],
      [plaintext.length - 5, 100],
      [plaintext.length, 10],
    ];
    for (const [offset, length] of ranges) {
      const bytes = await source.read(offset, length);
      assert.ok(
        Buffer.from(bytes).equals(plaintext.subarray(offset, offset + length)),
        `read(${offset}, ${length})`,
      );
    }
  });
});

test('openByteSource refuses random reads from a changed file', async () => {
  await withStore(async (store, root) => {
    const stored = await store.write(chunksOf(randomBytes(100_000)));
    await flipByte(storedPath(root, stored.fileId), 50_000);
    const source = store.openByteSource(stored, 'MSD.zip');
    await assert.rejects(source.read(stored.bytes - 22, 22), FileIntegrityError);
    await assert.rejects(source.read(0, 4), FileIntegrityError);
    const intact = await store.write(chunksOf(randomBytes(1000)));
    const wrongSize = store.openByteSource({ ...intact, bytes: 999 }, 'MSD.zip');
    await assert.rejects(wrongSize.read(0, 4), FileIntegrityError);
  });
});

test('openByteSource with sniff: the first four bytes without the verification pass, every other byte authenticated', async () => {
  await withStore(async (store, root) => {
    const plaintext = randomBytes(100_000);
    const stored = await store.write(chunksOf(plaintext));
    await flipByte(storedPath(root, stored.fileId), 50_000);
    const failures: unknown[] = [];
    const source = store.openByteSource(stored, 'WMO_0363_2017H2.csv', {
      sniff: true,
      onFailure: (error) => failures.push(error),
    });
    assert.ok(Buffer.from(await source.read(0, 4)).equals(plaintext.subarray(0, 4)), 'the sniff');
    // Only the first read is a sniff: the second one, even of the same bytes, verifies the file first.
    await assert.rejects(source.read(0, 4), FileIntegrityError);
    await assert.rejects(readAll(source.stream()), FileIntegrityError);
    // A reader that turns read errors into a finding (the check) still hears of both.
    assert.equal(failures.length, 2);
    assert.ok(failures.every((error) => error instanceof FileIntegrityError));
    const large = store.openByteSource(stored, 'WMO_0363_2017H2.csv', { sniff: true });
    await assert.rejects(large.read(0, 9), FileIntegrityError, 'a first read beyond the sniff verifies');
  });
});

test('openByteSource with releaseChunks: each chunk is freed once the next is asked for, the bytes are the same', async () => {
  await withStore(async (store) => {
    // More than one chunk of the disk backend (1 MiB), so there is a chunk to free before the end.
    const plaintext = randomBytes(3 * 1024 * 1024 + 12_345);
    const stored = await store.write(chunksOf(plaintext));
    const hashes: string[] = [];
    const seen: Uint8Array[] = [];
    const source = store.openByteSource(stored, 'WMO_0363_2017H2.csv', { sniff: true, releaseChunks: true });
    for await (const chunk of source.stream()) {
      // Every chunk in the reader's hands is whole; the one before it has been freed.
      assert.ok(chunk.byteLength > 0);
      if (seen.length > 0) assert.equal(seen.at(-1)!.byteLength, 0, 'the previous chunk is freed');
      hashes.push(sha256Of(chunk));
      seen.push(chunk);
    }
    assert.ok(seen.length >= 3, `${seen.length} chunks`);
    assert.equal(seen.at(-1)!.byteLength, 0, 'the last chunk is freed when the stream ends');
    // The same chunks, in the same order, as a reader that keeps them gets.
    const kept: string[] = [];
    for await (const chunk of store.openByteSource(stored, 'x.csv').stream()) kept.push(sha256Of(chunk));
    assert.deepEqual(hashes, kept);
    assert.equal(
      sha256Of(await readAll(store.openByteSource(stored, 'x.csv').stream())),
      sha256Of(plaintext),
    );
    // Without the option a chunk stays the reader's to keep.
    const keptChunks: Uint8Array[] = [];
    for await (const chunk of store.openByteSource(stored, 'x.csv').stream()) keptChunks.push(chunk);
    assert.ok(keptChunks.every((chunk) => chunk.byteLength > 0));
  });
});

test('the ZIP reader opens a stored ZIP through openByteSource and gets every entry back intact', async () => {
  await withStore(async (store) => {
    const csv = Buffer.from(
      Array.from({ length: 50_000 }, (_, row) => `${100000000 + row};Jansen;${row % 97}\n`).join(''),
    );
    const noise = randomBytes(1024 * 1024);
    const archive = zipSync({ 'WMO_0363_2017H2.csv': csv, 'BIJLAGE.txt': noise }, { level: 6 });
    const stored = await store.write(chunksOf(archive));
    const opened = await openZip(store.openByteSource(stored, 'MSD.zip'));
    assert.deepEqual(opened.problems, []);
    const byName = new Map(opened.entries.map((entry) => [entry.name, entry]));
    const entryCsv = byName.get('MSD.zip/WMO_0363_2017H2.csv');
    const entryNoise = byName.get('MSD.zip/BIJLAGE.txt');
    assert.ok(entryCsv && entryNoise, [...byName.keys()].join(', '));
    assert.ok((await readAll(entryCsv.stream())).equals(csv));
    assert.ok((await readAll(entryNoise.stream())).equals(noise));
  });
});

test('round-trips files ending just before, on and just after a megabyte of the file, several at once and one after another', async () => {
  await withStore(async (store) => {
    const MiB = 1024 * 1024;
    // On disk: a 17-byte header, the ciphertext, a 16-byte tag; the writer fills 1 MiB buffers.
    const sizes = [MiB - 33 - 1, MiB - 33, MiB - 33 + 1, 3 * MiB + 5, 5 * MiB - 17, 6 * MiB];
    const plaintexts = sizes.map((size) => randomBytes(size));
    const check = async (plaintext: Buffer, stored: StoredFile) => {
      assert.equal(stored.sha256, sha256Of(plaintext));
      assert.ok((await readAll(store.read(stored))).equals(plaintext));
    };
    const together = await Promise.all(plaintexts.map((p, i) => store.write(chunksOf(p, 65_536 + i))));
    for (const [i, stored] of together.entries()) await check(plaintexts[i]!, stored);
    for (const plaintext of plaintexts)
      await check(plaintext, await store.write(chunksOf(plaintext, 1_000_003)));
  });
});

test('writes the full megabytes of a file past the page cache (O_DIRECT) where the file system can', async (t) => {
  if (process.platform !== 'linux') return t.skip('O_DIRECT is looked for on Linux only');
  await withStore(async (store, root) => {
    await store.write(chunksOf(Buffer.from('x')));
    const probe = path.join(root, 'tmp', 'probe');
    try {
      await (await open(probe, constants.O_CREAT | constants.O_WRONLY | constants.O_DIRECT, 0o600)).close();
    } catch {
      return t.skip('this file system has no O_DIRECT');
    } finally {
      await rm(probe, { force: true });
    }
    const flagsSeen: number[] = [];
    async function* slow() {
      yield randomBytes(3 * 1024 * 1024);
      // Mid-write: the descriptors this process holds on the partial file, and their open flags.
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        if (!target.startsWith(path.join(root, 'tmp'))) continue;
        const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8').catch(() => '');
        const flags = /^flags:\s+([0-7]+)/m.exec(info)?.[1];
        if (flags !== undefined) flagsSeen.push(Number.parseInt(flags, 8));
      }
      yield randomBytes(1000);
    }
    await store.write(slow());
    assert.ok(
      flagsSeen.some((flags) => (flags & constants.O_DIRECT) !== 0),
      `flags of the partial file's descriptors: ${flagsSeen.map((f) => f.toString(8)).join(', ')}`,
    );
  });
});

test('writeSealed: the digest comes before the file appears, after the pending record; it appears once published resolves; a failed record leaves nothing', async () => {
  await withStore(async (store, root) => {
    const plaintext = randomBytes(3 * 1024 * 1024 + 7);
    let listedWhileRecording: string[] | undefined;
    const sealed = await store.writeSealed(chunksOf(plaintext), {
      beforePublish: async () => {
        listedWhileRecording = await store.listStoredFileIds();
      },
    });
    assert.deepEqual(listedWhileRecording, []);
    assert.equal(sealed.sha256, sha256Of(plaintext));
    assert.equal(sealed.bytes, plaintext.length);
    await sealed.published;
    assert.deepEqual(await store.listStoredFileIds(), [sealed.fileId]);
    assert.ok((await readAll(store.read(sealed))).equals(plaintext));
    await assert.rejects(
      store.writeSealed(chunksOf(plaintext), {
        beforePublish: () => Promise.reject(new Error('database down')),
      }),
      /database down/,
    );
    assert.deepEqual(await store.listStoredFileIds(), [sealed.fileId]);
    assert.deepEqual(await readdir(path.join(root, 'tmp')), []);
  });
});
