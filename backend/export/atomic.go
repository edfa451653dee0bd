package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes a file through a private temporary file in the
// same folder and renames it into place once write succeeded, so readers
// never see a partial file and a failed or cancelled export leaves nothing.
// The file is readable by its owner only: it holds bank statements.
func writeFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.partial")
	if err != nil {
		return fmt.Errorf("create file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename file: %w", err)
	}
	return nil
}
