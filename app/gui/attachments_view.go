package gui

import (
	"bufio"
	"context"
	"image"
	_ "image/gif" // decoders of the photos and scans an officer attaches
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	gosync "sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"

	"mahalleh/app/i18n"
	"mahalleh/app/rtl"
	"mahalleh/data"
)

// thumbSize is the box a thumbnail fits in.
const thumbWidth, thumbHeight = 120, 90

// thumbs caches thumbnails by content hash for the life of the process:
// a meeting opened again shows its photos without decoding them again.
var thumbs gosync.Map // sha256 → image.Image

// attachmentsView is the meeting editor's list of attachments: a
// thumbnail for each image, an icon for other documents, each opening
// full size; and the button that adds one.
type attachmentsView struct {
	ed   *meetingEditor
	list *fyne.Container
	obj  fyne.CanvasObject
	rows []attachmentRow
}

// attachmentRow is one attachment as shown.
type attachmentRow struct {
	a     data.Attachment
	have  bool        // its content is in the store
	thumb image.Image // nil for a document
}

func newAttachmentsView(ed *meetingEditor) *attachmentsView {
	v := &attachmentsView{ed: ed, list: container.NewVBox()}
	heading := rtl.NewLabelWithStyle(i18n.T("att.title"), fyne.TextStyle{Bold: true})
	if ed.isNew {
		v.obj = container.NewVBox(widget.NewSeparator(), heading, rtl.NewLabel(i18n.T("att.save.first")))
		return v
	}
	add := widget.NewButtonWithIcon(i18n.T("att.add"), theme.MailAttachmentIcon(), v.pick)
	hint := rtl.NewText(i18n.T("att.hint"))
	v.obj = container.NewVBox(widget.NewSeparator(), rtl.Border(nil, nil, heading, add), hint, v.list)
	v.reload()
	return v
}

// pick asks for a file and adds it.
func (v *attachmentsView) pick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		name, mimeType := r.URI().Name(), r.URI().MimeType()
		v.add(name, mimeType, r)
	}, v.ed.sh.win)
	d.Show()
}

// add stores the content of r as an attachment called name, then shows
// the list again. r is closed when it is read.
func (v *attachmentsView) add(name, mimeType string, r io.ReadCloser) {
	id, author := v.ed.id, v.ed.sh.author()
	v.ed.sh.background(func() {
		defer r.Close()
		br := bufio.NewReader(r)
		mimeType = sniff(name, mimeType, br)
		_, err := v.ed.sh.store.AddAttachment(context.Background(), author, id, name, mimeType, br)
		onUI(func() {
			if err != nil {
				v.ed.message.SetText(i18n.T("att.error", map[string]string{"Err": errText(err)}))
				return
			}
			v.ed.sh.say(i18n.T("att.added", map[string]string{"Name": name}))
			v.reload()
		})
	})
}

// sniff is the file's type: what the file chooser said, else its name's
// extension, else its first bytes.
func sniff(name, given string, br *bufio.Reader) string {
	if given != "" && given != "application/octet-stream" {
		return given
	}
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		return t
	}
	head, _ := br.Peek(512)
	return http.DetectContentType(head)
}

// reload reads the attachments and makes the missing thumbnails, off the
// UI goroutine.
func (v *attachmentsView) reload() {
	id := v.ed.id
	v.ed.sh.background(func() {
		ctx := context.Background()
		list, err := v.ed.sh.store.Attachments(ctx, id)
		var rows []attachmentRow
		for _, a := range list {
			row := attachmentRow{a: a}
			row.have, _ = v.ed.sh.store.HasBlob(ctx, a.SHA256)
			if row.have && isImage(a.MIME) {
				row.thumb = thumbnail(ctx, v.ed.sh.store, a.SHA256)
			}
			rows = append(rows, row)
		}
		onUI(func() {
			v.list.RemoveAll()
			if err != nil {
				v.list.Add(rtl.NewText(i18n.T("error.load", map[string]string{"Err": errText(err)})))
			}
			v.rows = rows
			for _, r := range rows {
				v.list.Add(v.rowObject(r))
			}
			if len(rows) == 0 && err == nil {
				v.list.Add(rtl.NewLabel(i18n.T("att.empty")))
			}
			v.list.Refresh()
			v.ed.relayout()
		})
	})
}

func isImage(mimeType string) bool { return strings.HasPrefix(mimeType, "image/") }

// thumbnail decodes an image and scales it into the thumbnail box,
// keeping its proportions; nil when it is not an image Go can decode.
func thumbnail(ctx context.Context, s *data.Store, sha string) image.Image {
	if t, ok := thumbs.Load(sha); ok {
		return t.(image.Image)
	}
	r, err := s.OpenBlob(ctx, sha)
	if err != nil {
		return nil
	}
	defer r.Close()
	src, _, err := image.Decode(r)
	if err != nil {
		return nil
	}
	b := src.Bounds()
	scale := min(float64(thumbWidth)/float64(b.Dx()), float64(thumbHeight)/float64(b.Dy()), 1)
	w, h := max(1, int(float64(b.Dx())*scale)), max(1, int(float64(b.Dy())*scale))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	thumbs.Store(sha, dst)
	return dst
}

// rowObject is one attachment: thumbnail or icon, name, size; tapping it
// opens the file.
func (v *attachmentsView) rowObject(r attachmentRow) fyne.CanvasObject {
	var pic fyne.CanvasObject
	switch {
	case r.thumb != nil:
		img := canvas.NewImageFromImage(r.thumb)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(thumbWidth, thumbHeight))
		pic = img
	case isImage(r.a.MIME):
		pic = atLeast(widget.NewIcon(theme.FileImageIcon()), thumbWidth, thumbHeight)
	default:
		pic = atLeast(widget.NewIcon(theme.FileTextIcon()), thumbWidth, thumbHeight)
	}
	info := sizeText(r.a.Size)
	if !r.have {
		info = i18n.T("att.missing")
	}
	name := rtl.NewLabel(r.a.FileName)
	name.Auto, name.AlignUI = true, true
	text := container.NewVBox(name, rtl.NewLabel(info))
	row := rtl.Border(nil, nil, pic, nil, text)
	a, have := r.a, r.have
	return newTapBox(row, func() {
		if have {
			v.open(a)
		}
	})
}

// sizeText is a file size in kilobytes or megabytes.
func sizeText(n int64) string {
	if n >= 1<<20 {
		mb := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
		return i18n.T("att.size.mb", map[string]string{"N": digits(mb)})
	}
	return i18n.T("att.size.kb", map[string]string{"N": i18n.Number(int((n + 1023) / 1024))})
}

// open shows an image full size in a dialog, and hands any other file to
// the system's application for it through a temporary copy.
func (v *attachmentsView) open(a data.Attachment) {
	sh := v.ed.sh
	sh.background(func() {
		r, err := sh.store.OpenBlob(context.Background(), a.SHA256)
		if err != nil {
			onUI(func() { sh.say(i18n.T("att.open.error", map[string]string{"Err": errText(err)})) })
			return
		}
		defer r.Close()
		if isImage(a.MIME) {
			if img, _, err := image.Decode(r); err == nil {
				onUI(func() { showImage(sh, a.FileName, img) })
				return
			}
		}
		path, err := tempCopy(a, r)
		onUI(func() {
			if err == nil {
				err = sh.app.OpenURL(&url.URL{Scheme: "file", Path: path})
			}
			if err != nil {
				sh.say(i18n.T("att.open.error", map[string]string{"Err": err.Error()}))
			}
		})
	})
}

// showImage is a dialog with the image as large as the window allows.
func showImage(sh *shell, title string, img image.Image) {
	pic := canvas.NewImageFromImage(img)
	pic.FillMode = canvas.ImageFillContain
	size := sh.win.Canvas().Size()
	pic.SetMinSize(fyne.NewSize(max(320, size.Width*0.8), max(240, size.Height*0.7)))
	dialog.NewCustom(title, i18n.T("button.close"), pic, sh.win).Show()
}

// tempCopy writes the file to the temporary folder under its own name, so
// the system's application shows that name.
func tempCopy(a data.Attachment, r io.Reader) (string, error) {
	dir, err := os.MkdirTemp("", "mahalleh-attachment-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, filepath.Base(a.FileName))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}

// tapBox makes any content tappable.
type tapBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
	tap     func()
}

func newTapBox(content fyne.CanvasObject, tap func()) *tapBox {
	t := &tapBox{content: content, tap: tap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapBox) Tapped(*fyne.PointEvent) { t.tap() }

func (t *tapBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }
