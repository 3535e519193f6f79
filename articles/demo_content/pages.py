"""The Terms and Privacy flat pages of the demo, as HTML (sanitised again when seeded)."""

TERMS = """
<p>These terms apply to everyone who reads Healthsite or takes part in its discussions. By using
the site you accept them; if you do not, please do not use it.</p>

<h2>Information, not medical advice</h2>
<p>Our articles are researched and, where stated, medically reviewed, but they are general
information written for a wide audience. They cannot take account of your health, your history or
the medicines you take, and they are not a substitute for advice from a doctor, pharmacist or
other qualified professional who knows you.</p>
<p>Do not delay seeking care, or stop a treatment, because of something you read here. In an
emergency, call your local emergency number.</p>

<h2>Taking part in discussions</h2>
<p>Every comment is read by a moderator before it appears. Please be kind, stay on the topic of
the article and write in your own words. We do not publish advertising, links posted to promote a
product or service, personal attacks, or private details about other people. We may decline,
remove or mark as spam any comment, and we may close a discussion at any time.</p>
<p>Readers share their own experiences in the discussions. Those experiences are not checked by
our reviewers, and what helped one person may not suit another.</p>
<p>You keep the rights to what you write. By posting, you allow us to publish your comment on
this site, next to the article, under the name you gave.</p>

<h2>Our content</h2>
<p>The articles, images and design of Healthsite belong to Healthsite unless we say otherwise.
You are welcome to share links and to quote short passages with a link back to the article.
Please ask us before republishing an article in full.</p>

<h2>Links to other sites</h2>
<p>We link to sources and to other organisations' pages where we think they are useful. We do not
control those sites and are not responsible for what they publish; a link is not an
endorsement.</p>

<h2>Availability and liability</h2>
<p>We work to keep the site accurate and available, but we cannot promise that it will always be
either. As far as the law allows, we are not liable for any loss that comes from relying on the
content of this site. Nothing in these terms limits rights that you have by law.</p>

<h2>Changes to these terms</h2>
<p>When we change these terms, we update this page. Continuing to use the site after a change
means you accept the new version.</p>
"""

PRIVACY = """
<p>This page explains what Healthsite stores about you, why, and for how long. We collect as
little as we can.</p>

<h2>Reading the site</h2>
<p>You can read every article without an account and without giving us any personal details.
The site loads no advertising, analytics or tracking scripts, and nothing from other companies'
servers. The share buttons are plain links: nothing is sent to a social network unless you click
one.</p>

<h2>When you comment</h2>
<p>To post a comment or a reply, you give us:</p>
<ul>
<li><strong>Your name</strong>, which is published with your comment. It can be a nickname.</li>
<li><strong>Your email address</strong>, which is never published. We use it to contact you
about your comment if we need to, to recognise a returning commenter whose earlier comments were
approved, and to send reply notifications if you ask for them.</li>
<li><strong>A website address</strong>, if you choose to give one. It is published as a link on
your name.</li>
<li><strong>Your comment</strong>, which is published once a moderator has approved it.</li>
</ul>
<p>With each comment we also record <strong>the IP address</strong> it came from and
<strong>your browser's user agent</strong> (a short description of the browser and device). We
keep them to fight spam and abuse and to help moderators, never publish them, and delete them
automatically <strong>90 days</strong> after the comment was posted.</p>

<h2>Cookies</h2>
<p>The comment form offers to remember your details. Only if you tick that box do we store a
cookie in your browser holding your name, email address and website, so the form is filled in
next time. Untick the box when you next comment, or clear your browser's cookies, and it is
gone.</p>
<p>The site also uses two cookies it cannot work without: a security cookie that protects forms
from being submitted by other sites, and a session cookie that carries a one-off message, such as
"your comment is awaiting moderation", and keeps staff signed in.</p>

<h2>Reply notifications</h2>
<p>If you ask to be told about replies, we email you when someone replies to your comment. Every
notification has a link that stops them with one click, without signing in.</p>

<h2>How long we keep your details</h2>
<p>Comments, with the name, email address and website given with them, are kept for as long as
the comment is on the site. Comments we reject as spam are deleted. IP addresses and user agents
are deleted after 90 days, as above.</p>

<h2>Your rights</h2>
<p>You can ask us for a copy of everything we hold about you, in a form you can take elsewhere,
and you can ask us to correct it or to erase it, including your comments. Write to the editorial
team from the email address you commented with, so that we can tell the request is yours.</p>

<h2>Changes to this policy</h2>
<p>If we change what we collect or why, we will update this page before the change takes
effect.</p>
"""
