// The rest of q's vocabulary: each module registers its primitives on import.
import './strings.js';
import './dotq.js';
import './match.js';
import './doth.js';
import './json.js';
import './text.js';
import './internal.js';
import './sockets.js';
import './masterkey.js';
import './matrix.js';
import './time.js';
import './names.js';
import './gz.js';
import './ktext.js';
