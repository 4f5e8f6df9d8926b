// email.tmpl of Alertmanager 0.25: email.default.subject and email.default.html, written for spock from what
// `amtool template render` prints for them (0, 1 and many alerts; firing, resolved and mixed groups; with and
// without group labels and annotations), byte for byte. The HTML and its styles come from Mailgun's
// transactional email templates (MIT licence, kept in the output as Alertmanager keeps it).

/** The font and box model every element of the mail repeats in its inline style. */
const FONT = "font-family: 'Helvetica Neue', Helvetica, Arial, sans-serif; box-sizing: border-box;"
/** The inline style of most elements. */
const BASE = `style="margin: 0; ${FONT} font-size: 14px;"`

const HTML = `{{ define "email.default.html" }}
<!--
Style and HTML derived from https://github.com/mailgun/transactional-email-templates


The MIT License (MIT)

Copyright (c) 2014 Mailgun

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
-->
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" ${BASE}>
<head>
<meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{{ template "__subject" . }}</title>
<style>
@media only screen and (max-width: 640px) {
  body {
    padding: 0 !important;
  }

  h1,
h2,
h3,
h4 {
    font-weight: 800 !important;
    margin: 20px 0 5px !important;
  }

  h1 {
    font-size: 22px !important;
  }

  h2 {
    font-size: 18px !important;
  }

  h3 {
    font-size: 16px !important;
  }

  .container {
    padding: 0 !important;
    width: 100% !important;
  }

  .content {
    padding: 0 !important;
  }

  .content-wrap {
    padding: 10px !important;
  }

  .invoice {
    width: 100% !important;
  }
}
</style>
</head>

<body itemscope itemtype="http://schema.org/EmailMessage" style="margin: 0; ${FONT} font-size: 14px; -webkit-font-smoothing: antialiased; -webkit-text-size-adjust: none; height: 100%; line-height: 1.6em; background-color: #f6f6f6; width: 100%;">

<table class="body-wrap" style="margin: 0; ${FONT} font-size: 14px; background-color: #f6f6f6; width: 100%;" width="100%" bgcolor="#f6f6f6">
  <tr ${BASE}>
    <td style="margin: 0; ${FONT} font-size: 14px; vertical-align: top;" valign="top"></td>
    <td class="container" width="600" style="${FONT} font-size: 14px; vertical-align: top; display: block; max-width: 600px; margin: 0 auto; clear: both;" valign="top">
      <div class="content" style="${FONT} font-size: 14px; max-width: 600px; margin: 0 auto; display: block; padding: 20px;">
        <table class="main" width="100%" cellpadding="0" cellspacing="0" style="margin: 0; ${FONT} font-size: 14px; background-color: #fff; border: 1px solid #e9e9e9; border-radius: 3px;" bgcolor="#fff">
          <tr ${BASE}>
            {{ if gt (len .Alerts.Firing) 0 }}
            <td class="alert alert-warning" style="margin: 0; ${FONT} vertical-align: top; font-size: 16px; color: #fff; font-weight: 500; padding: 20px; text-align: center; border-radius: 3px 3px 0 0; background-color: #E6522C;" valign="top" align="center" bgcolor="#E6522C">
              {{ .Alerts | len }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}
                {{ .Name }}={{ .Value }}
              {{ end }}
            </td>
            {{ else }}
            <td class="alert alert-good" style="margin: 0; ${FONT} vertical-align: top; font-size: 16px; color: #fff; font-weight: 500; padding: 20px; text-align: center; border-radius: 3px 3px 0 0; background-color: #68B90F;" valign="top" align="center" bgcolor="#68B90F">
              {{ .Alerts | len }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}
                {{ .Name }}={{ .Value }} 
              {{ end }}
            </td>
            {{ end }}
          </tr>
          <tr ${BASE}>
            <td class="content-wrap" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 30px;" valign="top">
              <table width="100%" cellpadding="0" cellspacing="0" ${BASE}>
                <tr ${BASE}>
                  <td class="content-block" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 0 0 20px;" valign="top">
                    <a href="{{ template "__alertmanagerURL" . }}" class="btn-primary" style="margin: 0; ${FONT} font-size: 14px; text-decoration: none; color: #FFF; background-color: #348eda; border: solid #348eda; border-width: 10px 20px; line-height: 2em; font-weight: bold; text-align: center; cursor: pointer; display: inline-block; border-radius: 5px; text-transform: capitalize;">View in {{ template "__alertmanager" . }}</a>
                  </td>
                </tr>
                {{ if gt (len .Alerts.Firing) 0 }}
                <tr ${BASE}>
                  <td class="content-block" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 0 0 20px;" valign="top">
                    <strong ${BASE}>[{{ .Alerts.Firing | len }}] Firing</strong>
                  </td>
                </tr>
                {{ end }}
                {{ range .Alerts.Firing }}
                <tr ${BASE}>
                  <td class="content-block" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 0 0 20px;" valign="top">
                    <strong ${BASE}>Labels</strong><br ${BASE}>
                    {{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br ${BASE}>{{ end }}
                    {{ if gt (len .Annotations) 0 }}<strong ${BASE}>Annotations</strong><br ${BASE}>{{ end }}
                    {{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br ${BASE}>{{ end }}
                    <a href="{{ .GeneratorURL }}" style="margin: 0; ${FONT} font-size: 14px; color: #348eda; text-decoration: underline;">Source</a><br ${BASE}>
                  </td>
                </tr>
                {{ end }}

                {{ if gt (len .Alerts.Resolved) 0 }}
                  {{ if gt (len .Alerts.Firing) 0 }}
                <tr ${BASE}>
                  <td class="content-block" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 0 0 20px;" valign="top">
                    <br ${BASE}>
                    <hr ${BASE}>
                    <br ${BASE}>
                  </td>
                </tr>
                  {{ end }}
                <tr ${BASE}>
                  <td class="content-block" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 0 0 20px;" valign="top">
                    <strong ${BASE}>[{{ .Alerts.Resolved | len }}] Resolved</strong>
                  </td>
                </tr>
                {{ end }}
                {{ range .Alerts.Resolved }}
                <tr ${BASE}>
                  <td class="content-block" style="margin: 0; ${FONT} font-size: 14px; vertical-align: top; padding: 0 0 20px;" valign="top">
                    <strong ${BASE}>Labels</strong><br ${BASE}>
                    {{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br ${BASE}>{{ end }}
                    {{ if gt (len .Annotations) 0 }}<strong ${BASE}>Annotations</strong><br ${BASE}>{{ end }}
                    {{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br ${BASE}>{{ end }}
                    <a href="{{ .GeneratorURL }}" style="margin: 0; ${FONT} font-size: 14px; color: #348eda; text-decoration: underline;">Source</a><br ${BASE}>
                  </td>
                </tr>
                {{ end }}
              </table>
            </td>
          </tr>
        </table>

        <div class="footer" style="margin: 0; ${FONT} font-size: 14px; width: 100%; clear: both; color: #999; padding: 20px;">
          <table width="100%" ${BASE}>
            <tr ${BASE}>
              <td class="aligncenter content-block" style="margin: 0; ${FONT} vertical-align: top; padding: 0 0 20px; text-align: center; color: #999; font-size: 12px;" valign="top" align="center"><a href="{{ .ExternalURL }}" style="margin: 0; ${FONT} text-decoration: underline; color: #999; font-size: 12px;">Sent by {{ template "__alertmanager" . }}</a></td>
            </tr>
          </table>
        </div></div>
    </td>
    <td style="margin: 0; ${FONT} font-size: 14px; vertical-align: top;" valign="top"></td>
  </tr>
</table>

</body>
</html>

{{ end }}
`

export const EMAIL_TMPL_025 = '{{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}\n' + HTML
