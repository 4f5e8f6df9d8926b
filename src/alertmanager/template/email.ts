// email.tmpl of Alertmanager 0.25: email.default.subject (email.default.html: not yet).
export const EMAIL_TMPL_025 = '{{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}\n'
