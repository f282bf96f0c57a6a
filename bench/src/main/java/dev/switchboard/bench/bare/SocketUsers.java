package dev.switchboard.bench.bare;

import org.springframework.web.socket.WebSocketSession;

/** Who a socket's {@code auth} frame names, and what a floor keeps of the sockets that got {@code ready}. */
interface SocketUsers {

    /** The handshake floor's: any token is user {@code bench}, and nothing is kept. */
    SocketUsers ANYONE = new SocketUsers() {
        @Override
        public String authenticate(WebSocketSession session, String authFrame) {
            return "bench";
        }

        @Override
        public void ready(WebSocketSession session, String userId) {}

        @Override
        public void closed(WebSocketSession session) {}
    };

    /** @return the frame's user, or null when its token is refused (the socket is then closed) */
    String authenticate(WebSocketSession session, String authFrame) throws Exception;

    /** After the {@code ready} frame went out: from now on the socket may receive the user's events. */
    void ready(WebSocketSession session, String userId);

    void closed(WebSocketSession session);
}
