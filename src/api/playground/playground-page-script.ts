/**
 * The playground page's script (plain browser JavaScript, no build step). Bot output
 * arrives as Telegram stores it, text plus entities, and is rendered with DOM nodes and
 * textContent only: no HTML string from the bot ever reaches innerHTML.
 */
export const PLAYGROUND_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var log = $('log'), form = $('composer'), input = $('text'), sendButton = $('send'), who = $('who'), chatPicker = $('chat');
  var statusLine = $('status'), typingLine = $('typing'), toast = $('toast'), alertDialog = $('alert'), alertText = $('alert-text');
  var state = { bot: null, chat: null, view: 'group', participants: [], me: null, elements: new Map(), pending: new Map() };
  var typingTimer = 0, toastTimer = 0;

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) {
        if (response.ok) return response.json();
        return response.json().catch(function () { return {}; }).then(function (error) {
          throw new Error(error.message || ('The server answered ' + response.status + '.'));
        });
      });
  }

  function showToast(text) {
    toast.textContent = text;
    toast.classList.add('visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.classList.remove('visible'); }, 3000);
  }

  function showAlert(text) {
    alertText.textContent = text;
    if (typeof alertDialog.showModal === 'function') alertDialog.showModal(); else window.alert(text);
  }

  // ----- rich text: Telegram entities to DOM nodes -----
  var TAGS = { bold: 'strong', italic: 'em', underline: 'u', strikethrough: 's', code: 'code', pre: 'pre', blockquote: 'blockquote', expandable_blockquote: 'blockquote' };

  function safeHref(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return ['http:', 'https:', 'tg:'].indexOf(parsed.protocol) >= 0 ? parsed.href : null;
    } catch (error) { return null; }
  }

  function elementFor(entity) {
    if (entity.type === 'text_link') {
      var href = safeHref(entity.url);
      if (href === null) return document.createElement('span');
      var link = document.createElement('a');
      link.href = href; link.target = '_blank'; link.rel = 'noopener noreferrer';
      return link;
    }
    if (entity.type === 'spoiler') {
      var spoiler = document.createElement('span');
      spoiler.className = 'spoiler'; spoiler.tabIndex = 0; spoiler.setAttribute('role', 'button'); spoiler.setAttribute('aria-label', 'Hidden text, press to reveal');
      var reveal = function () { spoiler.classList.add('revealed'); spoiler.removeAttribute('role'); spoiler.removeAttribute('aria-label'); spoiler.tabIndex = -1; };
      spoiler.addEventListener('click', reveal);
      spoiler.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); reveal(); } });
      return spoiler;
    }
    return document.createElement(TAGS[entity.type] || 'span');
  }

  var BLOCKS = { pre: true, blockquote: true, expandable_blockquote: true };

  // A newline right next to a quote or code block is already a line break: showing it
  // again would leave an empty line, which Telegram clients do not.
  function appendText(parent, text, afterBlock, beforeBlock) {
    if (afterBlock && text.charAt(0) === '\n') text = text.slice(1);
    if (beforeBlock && text.charAt(text.length - 1) === '\n') text = text.slice(0, -1);
    if (text !== '') parent.appendChild(document.createTextNode(text));
  }

  function appendRich(parent, text, entities, start, end) {
    var position = start, afterBlock = false;
    for (var i = 0; i < entities.length;) {
      var entity = entities[i];
      var entityEnd = Math.min(entity.offset + entity.length, end);
      if (entity.offset > position) appendText(parent, text.slice(position, entity.offset), afterBlock, BLOCKS[entity.type] === true);
      var inner = [];
      for (i += 1; i < entities.length && entities[i].offset < entityEnd; i += 1) inner.push(entities[i]);
      var element = elementFor(entity);
      appendRich(element, text, inner, Math.max(entity.offset, position), entityEnd);
      parent.appendChild(element);
      position = Math.max(position, entityEnd);
      afterBlock = BLOCKS[entity.type] === true;
    }
    if (position < end) appendText(parent, text.slice(position, end), afterBlock, false);
  }

  function renderRich(text, entities) {
    var container = document.createElement('div');
    container.className = 'text';
    var sorted = (entities || []).slice().sort(function (a, b) { return a.offset - b.offset || b.length - a.length; });
    appendRich(container, text || '', sorted, 0, (text || '').length);
    return container;
  }

  // ----- messages -----
  function senderName(message) {
    var from = message.from || {};
    return from.first_name || from.username || 'Someone';
  }

  function keyboardFor(message) {
    var rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
    if (rows.length === 0) return null;
    var keyboard = document.createElement('div');
    keyboard.className = 'keyboard';
    keyboard.setAttribute('role', 'group');
    keyboard.setAttribute('aria-label', 'Buttons for this message');
    rows.forEach(function (row) {
      var line = document.createElement('div');
      line.className = 'row';
      row.forEach(function (button) {
        var control;
        if (button.url && safeHref(button.url) !== null) {
          control = document.createElement('a');
          control.href = safeHref(button.url); control.target = '_blank'; control.rel = 'noopener noreferrer';
          // A link to this bot opens the private chat here, as Telegram would.
          if (state.bot && state.bot.username && button.url.indexOf('t.me/' + state.bot.username) >= 0) {
            control.addEventListener('click', function (event) { event.preventDefault(); showView('private'); });
          }
        } else {
          control = document.createElement('button');
          control.type = 'button';
          if (typeof button.callback_data === 'string') {
            control.addEventListener('click', function () { press(message, button.callback_data, control); });
          } else {
            control.disabled = true;
            control.title = 'This kind of button does not work in the playground';
          }
        }
        control.className = 'kbd';
        control.textContent = button.text;
        line.appendChild(control);
      });
      keyboard.appendChild(line);
    });
    return keyboard;
  }

  function renderMessage(message) {
    var mine = state.me !== null && message.from && message.from.id === state.me.id;
    var item = document.createElement('li');
    item.className = 'msg ' + (mine ? 'mine' : 'theirs');
    item.dataset.messageId = String(message.message_id);
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    if (!mine) {
      var sender = document.createElement('div');
      sender.className = 'sender';
      sender.textContent = senderName(message);
      bubble.appendChild(sender);
    } else {
      var me = document.createElement('span');
      me.className = 'sr-only';
      me.textContent = 'You: ';
      bubble.appendChild(me);
    }
    if (message.reply_to_message) {
      var quote = document.createElement('div');
      quote.className = 'reply-ref';
      quote.textContent = '↩ ' + senderName(message.reply_to_message) + ': ' + (message.reply_to_message.text || '');
      bubble.appendChild(quote);
    }
    if (message.photo && message.photo.length) {
      var image = document.createElement('img');
      var size = message.photo[message.photo.length - 1];
      image.className = 'photo';
      image.src = '/playground/api/photos/' + encodeURIComponent(size.file_id);
      image.alt = message.caption ? message.caption.split('\n')[0] : 'Image from the bot';
      if (size.width && size.height) { image.width = size.width; image.height = size.height; }
      bubble.appendChild(image);
      if (message.caption) bubble.appendChild(renderRich(message.caption, message.caption_entities));
    } else {
      bubble.appendChild(renderRich(message.text, message.entities));
    }
    var meta = document.createElement('div');
    meta.className = 'meta';
    if (message.edit_date) {
      var edited = document.createElement('span');
      edited.className = 'edited';
      edited.textContent = 'edited';
      meta.appendChild(edited);
    }
    var time = document.createElement('time');
    var date = new Date((message.edit_date || message.date) * 1000);
    time.dateTime = date.toISOString();
    time.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    meta.appendChild(time);
    bubble.appendChild(meta);
    item.appendChild(bubble);
    var keyboard = keyboardFor(message);
    if (keyboard !== null) item.appendChild(keyboard);
    item._message = message;
    return item;
  }

  function nearBottom() {
    var scroller = log.parentElement;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  }

  function scrollToBottom() {
    var scroller = log.parentElement;
    scroller.scrollTop = scroller.scrollHeight;
  }

  function upsert(message) {
    var existing = state.elements.get(message.message_id);
    var element = renderMessage(message);
    state.elements.set(message.message_id, element);
    if (existing) {
      // An edit replaces the message where it is; keep focus on the keyboard if it was there.
      var focused = existing.contains(document.activeElement);
      log.replaceChild(element, existing);
      if (focused) { var first = element.querySelector('.kbd, .bubble'); if (first) first.focus(); }
      return;
    }
    var stick = nearBottom();
    var empty = $('empty');
    if (empty) empty.remove();
    log.appendChild(element);
    if (stick || (message.from && state.me && message.from.id === state.me.id)) scrollToBottom();
  }

  function removeMessage(messageId) {
    var element = state.elements.get(messageId);
    if (element) element.remove();
    state.elements.delete(messageId);
  }

  function rerenderAll() {
    state.elements.forEach(function (element) { upsert(element._message); });
  }

  // ----- what the user does -----
  function currentUserKey() { return state.me ? state.me.key : undefined; }

  function sendText(text) {
    var trimmed = text.trim();
    if (trimmed === '') return Promise.resolve();
    return post('/playground/api/messages', { text: trimmed, user: currentUserKey(), chat: state.view }).catch(function (error) { showToast(error.message); throw error; });
  }

  function press(message, data, control) {
    var key = message.message_id + ':' + data;
    control.setAttribute('aria-busy', 'true');
    state.pending.set(key, control);
    // Telegram clients stop waiting after a while even if the bot never answers.
    setTimeout(function () { clearPending(key); }, 10000);
    post('/playground/api/press', { messageId: message.message_id, data: data, user: currentUserKey(), chat: state.view })
      .catch(function (error) { clearPending(key); showToast(error.message); });
  }

  function clearPending(key) {
    var control = state.pending.get(key);
    if (control) control.removeAttribute('aria-busy');
    state.pending.delete(key);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    if (text.trim() === '') return;
    input.value = '';
    updateSendButton();
    sendText(text).catch(function () { input.value = text; updateSendButton(); });
    input.focus();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });
  function updateSendButton() { sendButton.disabled = input.value.trim() === ''; }
  input.addEventListener('input', updateSendButton);
  document.querySelectorAll('.chip').forEach(function (chip) {
    chip.addEventListener('click', function () { sendText(chip.dataset.text || chip.textContent).catch(function () {}); });
  });
  who.addEventListener('change', function () {
    state.me = state.participants.find(function (p) { return p.key === who.value; }) || null;
    try { localStorage.setItem('parley.playground.user', who.value); } catch (error) { /* private mode */ }
    // A private chat is the person's own: switching who you are switches whose it is.
    if (state.view === 'private') loadHistory().catch(function () { setStatus('could not load the chat', true); });
    else rerenderAll();
  });
  function showView(view) {
    state.view = view;
    chatPicker.value = view;
    loadHistory().catch(function () { setStatus('could not load the chat', true); });
  }
  chatPicker.addEventListener('change', function () { showView(chatPicker.value); });
  function shownChatId() { return state.chat ? state.chat.id : null; }

  // ----- what the server tells -----
  function handleEvent(event) {
    // Every playground chat's events arrive; this page shows one chat at a time.
    if (event.chatId !== undefined && event.chatId !== shownChatId()) return;
    if (event.type === 'message' || event.type === 'edited') {
      upsert(event.message);
      if (event.message.from && event.message.from.is_bot) { typingLine.textContent = ''; clearTimeout(typingTimer); }
    } else if (event.type === 'deleted') {
      removeMessage(event.messageId);
    } else if (event.type === 'callbackAnswered') {
      var answer = event.answer;
      clearPending(answer.messageId + ':' + answer.data);
      if (state.me && answer.fromUserId === state.me.id && answer.text) {
        if (answer.showAlert) showAlert(answer.text); else showToast(answer.text);
      }
    } else if (event.type === 'chatAction' && event.action === 'typing') {
      typingLine.textContent = (state.bot ? state.bot.first_name : 'The bot') + ' is typing…';
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingLine.textContent = ''; }, 5000);
    } else if (event.type === 'deliveryFailed') {
      showToast('The bot failed to handle that update; see the server log.');
    }
  }

  function setStatus(text, offline) {
    statusLine.textContent = text;
    statusLine.classList.toggle('offline', offline);
  }

  function loadHistory() {
    var saved = null;
    try { saved = localStorage.getItem('parley.playground.user'); } catch (error) { /* private mode */ }
    var userKey = state.me ? state.me.key : saved;
    var query = '?chat=' + encodeURIComponent(state.view) + (userKey ? '&user=' + encodeURIComponent(userKey) : '');
    return fetch('/playground/api/history' + query).then(function (response) {
      if (response.status === 400 && userKey) {
        // A participant saved by an older page: start over with the first one.
        try { localStorage.removeItem('parley.playground.user'); } catch (error) { /* private mode */ }
        state.me = null;
        return loadHistory();
      }
      if (!response.ok) throw new Error('history ' + response.status);
      return response.json().then(function (data) { showHistory(data, userKey); });
    });
  }

  function showHistory(data, userKey) {
    state.bot = data.bot; state.chat = data.chat; state.participants = data.participants;
    $('bot-name').textContent = state.view === 'private' ? data.bot.first_name + ' · private' : (data.group.title || data.bot.first_name);
    $('avatar').textContent = (data.bot.first_name || '?').charAt(0).toUpperCase();
    who.textContent = '';
    data.participants.forEach(function (p) {
      var option = document.createElement('option');
      option.value = p.key; option.textContent = p.first_name;
      who.appendChild(option);
    });
    var chosen = data.participants.find(function (p) { return p.key === userKey; }) || data.participants[0] || null;
    state.me = chosen;
    if (chosen) who.value = chosen.key;
    state.elements.clear();
    log.textContent = '';
    if (data.messages.length === 0) {
      var empty = document.createElement('li');
      empty.id = 'empty'; empty.className = 'empty';
      empty.textContent = state.view === 'private' ? 'Your private chat with the bot: your portfolio, orders and trades are answered here.' : 'Say hello, or try one of the suggestions below.';
      log.appendChild(empty);
    }
    data.messages.forEach(upsert);
    scrollToBottom();
  }

  var source = null;
  function connect() {
    source = new EventSource('/playground/api/events');
    source.onopen = function () {
      // After a reconnect (a server restart) history may have changed: reload it whole.
      loadHistory().then(function () { setStatus('bot · online (playground)', false); document.body.dataset.ready = 'true'; })
        .catch(function () { setStatus('could not load the chat', true); });
    };
    source.onmessage = function (message) {
      try { handleEvent(JSON.parse(message.data)); } catch (error) { console.error(error); }
    };
    source.onerror = function () {
      setStatus('connection lost, reconnecting…', true);
      document.body.dataset.ready = 'false';
      if (source.readyState === EventSource.CLOSED) { source.close(); setTimeout(connect, 2000); }
    };
  }
  updateSendButton();
  connect();
})();
`;
