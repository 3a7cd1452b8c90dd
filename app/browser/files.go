package browser

// File is a file the user picked with a file input or dropped on the page.
// Name and Size come from the browser; the content is read only by Read.
type File struct {
	Name string
	Size int64
	read func() ([]byte, error)
}

// NewFile returns a File holding data, for tests and fakes of the file APIs.
func NewFile(name string, data []byte) File {
	data = append([]byte(nil), data...)
	return File{Name: name, Size: int64(len(data)), read: func() ([]byte, error) { return data, nil }}
}

// Read returns the file's content. In the browser it waits for the File
// API, so call it from a goroutine (ctx.Async), never from an event
// handler. It returns an error when the browser cannot read the file (it
// was moved or deleted since it was picked, or permission was revoked).
func (f File) Read() ([]byte, error) {
	if f.read == nil {
		return nil, nil
	}
	return f.read()
}
