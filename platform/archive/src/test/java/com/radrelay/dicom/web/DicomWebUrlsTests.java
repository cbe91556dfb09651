package com.radrelay.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class DicomWebUrlsTests {

    @Test
    void theRootOfAPageServedAtSlashKeepsItsScheme() {
        // A Vaadin page is served at "/": cutting the path out of the URL must not cut the "//" too.
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/");
        page.setServerName("localhost");
        page.setServerPort(8080);
        assertThat(DicomWebUrls.base(page, "lakeside")).isEqualTo("http://localhost:8080/dicomweb/lakeside");
    }

    @Test
    void aContextPathAndAQueryAreHandled() {
        MockHttpServletRequest call = new MockHttpServletRequest("GET", "/radrelay/dicomweb/lakeside/studies");
        call.setScheme("https");
        call.setServerName("pacs.example.org");
        call.setServerPort(443);
        call.setContextPath("/radrelay");
        call.setQueryString("PatientID=1");
        assertThat(DicomWebUrls.base(call, "lakeside")).isEqualTo("https://pacs.example.org/radrelay/dicomweb/lakeside");
    }
}
