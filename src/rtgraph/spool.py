"""The parsed sentences of one document, held a few chunks at a time.

A parsed sentence weighs far more than its text (spaCy's token structs, the parse,
the lemmas), and resolution and the fact readers look across the whole document
(acronyms and aliases defined anywhere, lookback to earlier sentences, what the
document names together). So the pipeline parses a document chunk by chunk and
appends each chunk here: a chunk that leaves memory is written, serialized
(spaCy's ``DocBin``), to an unnamed temporary file that the system deletes when it
is closed or the process dies, and read back when a reader reaches it again. Readers
go through the document in order, looking back a couple of sentences at most, so
``keep`` chunks stay in memory: when one more is read, the one farthest from it goes. A document of one chunk is never
written.
"""

from __future__ import annotations

import tempfile
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

__all__ = ["ParseSpool"]


class ParseSpool(Sequence):
    """A read-only sequence of Docs, one per sentence, appended a chunk at a time.

    ``reads`` counts the chunks read back from the file (a measure of the work the
    spool adds; 0 for a document of one chunk).
    """

    def __init__(self, vocab: Vocab, *, keep: int = 2):
        self.vocab = vocab
        self.keep = max(1, keep)
        self.starts: list[int] = []  # index of the first sentence of each chunk
        self.sizes: list[int] = []
        self.places: dict[int, tuple[int, int]] = {}  # chunk -> (offset, length) in the file
        self.held: dict[int, tuple[Doc, ...]] = {}  # chunks in memory
        self.file = None
        self.reads = 0

    def append(self, docs: Sequence[Doc]) -> None:
        if not docs:
            return
        self.starts.append(len(self))
        self.sizes.append(len(docs))
        self._hold(len(self.starts) - 1, tuple(docs))

    def __len__(self) -> int:
        return self.starts[-1] + self.sizes[-1] if self.starts else 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"sentence {index} of {len(self)}")
        chunk = bisect_right(self.starts, index) - 1
        return self._chunk(chunk)[index - self.starts[chunk]]

    def __iter__(self):
        for chunk in range(len(self.starts)):
            yield from self._chunk(chunk)

    def _chunk(self, chunk: int) -> tuple[Doc, ...]:
        if chunk in self.held:
            return self.held[chunk]
        offset, length = self.places[chunk]
        self.file.seek(offset)
        docs = tuple(DocBin().from_bytes(self.file.read(length)).get_docs(self.vocab))
        self.reads += 1
        self._hold(chunk, docs)
        return docs

    def _hold(self, chunk: int, docs: tuple[Doc, ...]) -> None:
        self.held[chunk] = docs
        while len(self.held) > self.keep:
            # not least recently used: a lookback into the chunk before must not push out this one
            farthest = max((k for k in self.held if k != chunk), key=lambda k: (abs(k - chunk), k))
            old = self.held.pop(farthest)
            if farthest not in self.places:
                self._write(farthest, old)

    def _write(self, chunk: int, docs: tuple[Doc, ...]) -> None:
        if self.file is None:
            self.file = tempfile.TemporaryFile(prefix="rtgraph-parse-")
        data = DocBin(docs=docs, store_user_data=False).to_bytes()
        self.file.seek(0, 2)
        self.places[chunk] = (self.file.tell(), len(data))
        self.file.write(data)

    def close(self) -> None:
        self.held.clear()
        if self.file is not None:
            self.file.close()
            self.file = None

    def __enter__(self) -> ParseSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
