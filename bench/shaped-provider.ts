/**
 * The provider of the same-shape floor (bench/projects/shaped): create, read, update and delete
 * only sleep 100 ms, like the plain floor's, and answer with the outputs of a real Application
 * recorded at the start of the benchmark (the file named by `PINGONE_BENCH_SHAPE_FILE`), with
 * this resource's own arguments over them. No check and no diff: the engine compares the inputs.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

type Props = Record<string, unknown>;

const shapeFile = process.env.PINGONE_BENCH_SHAPE_FILE;
const recorded: Props = shapeFile ? (JSON.parse(readFileSync(shapeFile, "utf8")) as Props) : {};

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 100));

function outputs(id: string, inputs: Props): Props {
  const { __autoname: _name, __provider: _provider, ...args } = inputs;
  return { ...recorded, ...args, id, clientId: id };
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  await pause();
  const id = randomUUID();
  return { id, outs: outputs(id, inputs) };
}

export async function read(id: string, props: Props): Promise<{ id: string; props: Props }> {
  await pause();
  return { id, props };
}

export async function update(id: string, _olds: Props, news: Props): Promise<{ outs: Props }> {
  await pause();
  return { outs: outputs(id, news) };
}

export async function remove(): Promise<void> {
  await pause();
}

export { remove as delete };
