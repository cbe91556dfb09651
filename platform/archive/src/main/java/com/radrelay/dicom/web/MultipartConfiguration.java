package com.radrelay.dicom.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

@Configuration(proxyBeanMethods = false)
class MultipartConfiguration {

    /**
     * Only multipart/form-data is parsed by the servlet container. STOW-RS bodies (multipart/related, up to
     * gigabytes) must reach the STOW-RS door as an untouched stream.
     */
    @Bean
    MultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver();
        resolver.setStrictServletCompliance(true);
        return resolver;
    }
}
