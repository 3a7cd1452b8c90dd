package index

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// Piece files are gzip streams (see the pieces format). gzip rather than
// brotli: every browser unpacks it natively (DecompressionStream), and Go's
// standard library reads and writes it.

// packLevel is the gzip level piece files are written at: the best, since
// a piece is written once and fetched many times.
const packLevel = gzip.BestCompression

// packPiece returns piece data gzipped. The same data always gives the same
// bytes (no name, no time in the header), so pieces stay reproducible.
func packPiece(data []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, packLevel)
	if err != nil {
		panic(err) // packLevel is a valid level
	}
	// Writes to a bytes.Buffer do not fail.
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// isPacked reports whether a piece file's bytes are gzipped: they start
// with gzip's magic number, which no piece's tag does.
func isPacked(file []byte) bool {
	return len(file) >= 2 && file[0] == 0x1f && file[1] == 0x8b
}

// unpackPiece returns the piece a file of size want bytes holds: the file
// unpacked if it is gzipped (isPacked), else the file itself, which a
// source that unpacks natively (the browser's) hands over. A stream cut
// short is ErrTruncated; one that does not unpack, or that holds more than
// want bytes (a bound, so that a hostile file cannot fill the memory) or
// bytes after its end, is ErrCorrupt. Only the unpacked size is checked
// here: use checks it and the bytes against the piece's name.
func unpackPiece(file []byte, want int) ([]byte, error) {
	if !isPacked(file) {
		return file, nil
	}
	r := bytes.NewReader(file)
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, packError(err)
	}
	zr.Multistream(false)
	out := bytes.NewBuffer(make([]byte, 0, want))
	n, err := io.Copy(out, io.LimitReader(zr, int64(want)+1))
	switch {
	case err != nil:
		return nil, packError(err)
	case n > int64(want):
		return nil, fmt.Errorf("%w: it unpacks to more than its %d bytes: the piece is damaged; rebuild or download it again", ErrCorrupt, want)
	}
	// The member's end, checksum included, is read only past its data.
	if _, err := zr.Read(make([]byte, 1)); err != io.EOF {
		if err == nil {
			err = errors.New("data after the end")
		}
		return nil, packError(err)
	}
	if r.Len() > 0 {
		return nil, fmt.Errorf("%w: %d bytes after the end of its gzip stream: the piece is damaged; rebuild or download it again", ErrCorrupt, r.Len())
	}
	return out.Bytes(), nil
}

// packError wraps an error of unpacking a piece: ErrTruncated for a stream
// cut short, else ErrCorrupt.
func packError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: its gzip stream is cut short; download it again", ErrTruncated)
	}
	return fmt.Errorf("%w: it does not unpack (%v): the piece is damaged; rebuild or download it again", ErrCorrupt, err)
}
