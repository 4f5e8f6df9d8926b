// email.tmpl of Alertmanager 0.25: email.default.subject. email.default.html (14 KB of fixed HTML) is not
// here yet: render.ts says so and suggests passing Alertmanager's own email.tmpl.
export const EMAIL_TMPL_025 = '{{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}\n'
