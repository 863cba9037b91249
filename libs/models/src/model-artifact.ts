import { RejectedArtifactError } from './model-artifact.error';
import { PAYLOAD_ENCODING, decodeState, encodeState, type ModelArtifact, type ModelFamilies, type ModelFamily } from './model-family';
import { describePayload, sha256Hex, type ManifestInput } from './model-manifest';

/** Saves a trained model as an artifact whose manifest describes the payload bytes exactly. */
export function saveModel<M>(family: ModelFamily<M>, model: M, input: Omit<ManifestInput, 'family'>): ModelArtifact {
  const payload = encodeState(family, model);
  return { manifest: describePayload({ ...input, family: family.name }, payload, PAYLOAD_ENCODING), payload };
}

/** Throws unless the payload is the one the manifest describes. */
export function verifyArtifact({ manifest, payload }: ModelArtifact): void {
  if (payload.length !== manifest.payloadBytes) {
    throw new RejectedArtifactError(manifest.model, manifest.version, 'truncated', `payload has ${payload.length} bytes, manifest says ${manifest.payloadBytes}`);
  }
  const actual = sha256Hex(payload);
  if (actual !== manifest.checksum) {
    throw new RejectedArtifactError(manifest.model, manifest.version, 'checksum', `sha256 ${actual} does not match manifest ${manifest.checksum}`);
  }
}

/** Verifies, decodes and smoke-tests an artifact: what comes back is safe to serve. */
export async function loadModel(families: ModelFamilies, artifact: ModelArtifact): Promise<unknown> {
  verifyArtifact(artifact);
  const { manifest } = artifact;
  const family = families.get(manifest);
  const model = await decodeState(family, manifest, artifact.payload);
  try {
    family.smokeTest(model);
  } catch (err) {
    throw new RejectedArtifactError(manifest.model, manifest.version, 'smoke-test', (err as Error).message, { cause: err });
  }
  return model;
}
