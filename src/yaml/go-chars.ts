// Characters Go's YAML rejects anywhere in a document (shared by the fast scanner and go-quirks.ts).
/** What Go's YAML reader refuses anywhere in the input, even in quotes and comments: C0/C1 controls (not tab, line breaks, NEL), DEL, U+FFFE/U+FFFF. */
export const GO_CONTROL_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/
