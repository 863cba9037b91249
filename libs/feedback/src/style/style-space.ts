import { AttributeEncoder, type AttributeEncoderState, type StyleRecord } from './attribute-encoding';
import type { DenseMatrix } from './dense-matrix';
import { Pca, type PcaState } from './pca';

export interface StyleSpaceOptions {
  /** Share of the one-hot variance the principal components keep; default 0.9. */
  varianceToKeep?: number;
  /** Keep exactly this many principal components instead. */
  components?: number;
}

export interface StyleSpaceState {
  encoder: AttributeEncoderState;
  pca: PcaState;
}

/** Attribute records → one-hot columns → principal components: the space style modes are found in. */
export class StyleSpace {
  private constructor(
    readonly encoder: AttributeEncoder,
    readonly pca: Pca,
  ) {}

  static fit(records: readonly StyleRecord[], options: StyleSpaceOptions = {}): StyleSpace {
    const encoder = AttributeEncoder.fit(records);
    if (encoder.width === 0) throw new RangeError('StyleSpace.fit: every attribute of every record is null; there is nothing to learn a style from');
    const pca = Pca.fit(encoder.encodeAll(records), { varianceToKeep: options.varianceToKeep, components: options.components });
    return new StyleSpace(encoder, pca);
  }

  static fromState(state: StyleSpaceState): StyleSpace {
    const encoder = AttributeEncoder.fromState(state.encoder);
    const pca = Pca.fromState(state.pca);
    if (pca.inputDimension !== encoder.width) {
      throw new RangeError(`StyleSpace.fromState: the PCA reads ${pca.inputDimension} columns, the vocabulary has ${encoder.width}`);
    }
    return new StyleSpace(encoder, pca);
  }

  get dimension(): number {
    return this.pca.outputDimension;
  }

  embed(records: readonly StyleRecord[]): DenseMatrix {
    return this.pca.projectAll(this.encoder.encodeAll(records));
  }

  state(): StyleSpaceState {
    return { encoder: this.encoder.state(), pca: this.pca.state() };
  }
}
